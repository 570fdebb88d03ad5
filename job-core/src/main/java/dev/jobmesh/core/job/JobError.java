package dev.jobmesh.core.job;

/** Why a job failed: a stable code for programs and a message for people. */
public record JobError(String code, String message) {

    /** Params the workload cannot use; retrying never helps. */
    public static final String INVALID_PARAMS = "INVALID_PARAMS";
    /** The workload threw or returned a wrong answer. */
    public static final String WORKLOAD_ERROR = "WORKLOAD_ERROR";
    /** The job names a type this worker does not know. */
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    /** The worker was interrupted while running the job. */
    public static final String INTERRUPTED = "INTERRUPTED";
}
