package dev.jobmesh.core;

/** The default ports of jobmesh's services, filled in from deploy/ports.env when the build compiles this. */
public final class Ports {

    /** The Kafka broker a service reaches when nothing else is configured. */
    public static final int KAFKA = ${KAFKA_PORT};
    /** The HTTP target the http workload calls by default. */
    public static final int TARGET = ${TARGET_PORT};
    /** The gateway's REST API. */
    public static final int GATEWAY = ${GATEWAY_PORT};

    private Ports() {
    }
}
