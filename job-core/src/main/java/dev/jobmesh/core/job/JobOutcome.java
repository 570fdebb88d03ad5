package dev.jobmesh.core.job;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** How a run of a job ended: a result (and no error), or an error (and no result). */
public record JobOutcome(@Nullable Map<String, Object> result, @Nullable JobError error) {

    public static JobOutcome success(@Nullable Map<String, Object> result) {
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
