package dev.jobmesh.loadgen.gateway;

import java.time.Instant;
import java.util.Map;

/** The part of the gateway's job response a load test reads. */
public record JobView(String id, String status, String type, String model, Map<String, Object> result,
                      Map<String, Object> error, int attempts, Instant submittedAt, Instant startedAt,
                      Instant finishedAt) {

    /** SUCCEEDED, FAILED or CANCELLED: nothing more will happen to the job. */
    public boolean terminal() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    /** The error code of a FAILED job, or null. */
    public String errorCode() {
        return error == null ? null : String.valueOf(error.get("code"));
    }
}
