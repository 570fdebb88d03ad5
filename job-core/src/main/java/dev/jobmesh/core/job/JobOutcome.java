package dev.jobmesh.core.job;

import java.util.Map;

/** How a run of a job ended: a result, or an error. */
public record JobOutcome(Map<String, Object> result, JobError error) {

    public static JobOutcome success(Map<String, Object> result) {
        return new JobOutcome(result == null ? Map.of() : result, null);
    }

    public static JobOutcome failure(String code, String message) {
        return new JobOutcome(null, new JobError(code, message));
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The terminal status this outcome gives a job. */
    public JobStatus status() {
        if (error == null) {
            return JobStatus.SUCCEEDED;
        }
        return JobError.CANCELLED.equals(error.code()) ? JobStatus.CANCELLED : JobStatus.FAILED;
    }
}
