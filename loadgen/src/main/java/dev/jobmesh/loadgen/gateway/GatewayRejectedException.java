package dev.jobmesh.loadgen.gateway;

/** The gateway answered a request with an error status. */
public final class GatewayRejectedException extends RuntimeException {

    private final int status;

    public GatewayRejectedException(int status, String body) {
        super("HTTP " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        this.status = status;
    }

    /** The error kind a report counts it under, such as {@code http-503}. */
    public String kind() {
        return "http-" + status;
    }
}
