package dev.jobmesh.core.dispatch;

import java.time.Duration;
import java.util.Optional;

import dev.jobmesh.core.job.JobError;

/** Decides whether a failed run is worth another, and after how long. */
public interface RetryPolicy {

    /** The wait before the next run, or empty when the failure is final. */
    Optional<Duration> nextDelay(JobError error, int attemptsDone, int maxAttempts);
}
