package dev.jobmesh.core.workload;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;

/** Turns whatever a workload threw into a failed outcome with a stable code, the same for every model. */
public final class WorkloadFailures {

    /** The failed outcome for a throwable; unwraps the wrappers futures add. */
    public JobOutcome outcome(Throwable error) {
        Throwable cause = unwrap(error);
        return switch (cause) {
            case WorkloadFailedException e -> JobOutcome.failure(e.code(), e.getMessage());
            case InvalidParamsException e -> JobOutcome.failure(JobError.INVALID_PARAMS, e.getMessage());
            case HttpTimeoutException e -> JobOutcome.failure(JobError.CONNECTION_ERROR, describe(e));
            case IOException e -> JobOutcome.failure(JobError.CONNECTION_ERROR, describe(e));
            case InterruptedException e -> JobOutcome.failure(JobError.INTERRUPTED, "interrupted while running");
            case CancellationException e -> JobOutcome.failure(JobError.CANCELLED, "cancelled while running");
            default -> JobOutcome.failure(JobError.WORKLOAD_ERROR, describe(cause));
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
