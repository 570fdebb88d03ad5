package dev.jobmesh.loadgen.gateway;

import java.util.Map;

/** One job as the load generator submits it. */
public record JobSpec(String type, String model, Map<String, Object> params) {

    /** The model that has the gateway choose one for each job. */
    public static final String AUTO = "auto";
}
