package dev.jobmesh.core.job;

import java.util.Objects;
import java.util.Set;

/**
 * Why a job failed: a stable code for programs and a message for people.
 * Whether a code is worth another attempt is the {@code OutcomePolicy}'s call, not the code's.
 */
public record JobError(String code, String message) {

    public JobError {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    /** Params the workload cannot use. */
    public static final String INVALID_PARAMS = "INVALID_PARAMS";
    /** The job names a type this worker does not know. */
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    /** The workload threw, or returned something other than the expected answer. */
    public static final String WORKLOAD_ERROR = "WORKLOAD_ERROR";
    /** A connection could not be made, broke, or timed out. */
    public static final String CONNECTION_ERROR = "CONNECTION_ERROR";
    /** An HTTP server answered 5xx. */
    public static final String HTTP_SERVER_ERROR = "HTTP_SERVER_ERROR";
    /** An HTTP server answered neither 200 nor 5xx. */
    public static final String HTTP_CLIENT_ERROR = "HTTP_CLIENT_ERROR";
    /** The job ran past its time limit and was stopped. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The child process running the job died. */
    public static final String CHILD_DIED = "CHILD_DIED";
    /** The job was cancelled by a client. */
    public static final String CANCELLED = "CANCELLED";
    /** The worker was interrupted while running the job, e.g. while shutting down. */
    public static final String INTERRUPTED = "INTERRUPTED";
    /** The concurrency model could not take the job. */
    public static final String MODEL_ERROR = "MODEL_ERROR";
    /** The concurrency model was shutting down and could not take the job. */
    public static final String REJECTED = "REJECTED";

    /** Every code above. */
    public static final Set<String> CODES = Set.of(INVALID_PARAMS, UNKNOWN_TYPE, WORKLOAD_ERROR, CONNECTION_ERROR,
            HTTP_SERVER_ERROR, HTTP_CLIENT_ERROR, TIMEOUT, CHILD_DIED, CANCELLED, INTERRUPTED, MODEL_ERROR, REJECTED);
}
