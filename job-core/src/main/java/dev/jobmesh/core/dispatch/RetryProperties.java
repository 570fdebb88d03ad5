package dev.jobmesh.core.dispatch;

import java.time.Duration;
import java.util.Set;

import dev.jobmesh.core.job.JobError;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When and how soon a failed job runs again (up to its {@code maxAttempts}).
 *
 * @param initialDelay wait before the second run
 * @param multiplier   growth of the wait per further run
 * @param maxDelay     longest wait
 * @param jitter       fraction of the wait added or taken at random, 0..1
 * @param retryable    the {@link JobError} codes worth another run; any other failure is final at once
 */
@ConfigurationProperties("jobmesh.retry")
public record RetryProperties(Duration initialDelay, Double multiplier, Duration maxDelay, Double jitter,
                              Set<String> retryable) {

    /** Errors another run may well not meet: the worker, connection or server was at fault, not the job. */
    public static final Set<String> DEFAULT_RETRYABLE = Set.of(JobError.TIMEOUT, JobError.CHILD_DIED,
            JobError.CONNECTION_ERROR, JobError.HTTP_SERVER_ERROR, JobError.WORKLOAD_ERROR, JobError.INTERRUPTED,
            JobError.MODEL_ERROR);

    public RetryProperties {
        initialDelay = initialDelay == null ? Duration.ofMillis(500) : initialDelay;
        multiplier = multiplier == null ? 2.0 : multiplier;
        maxDelay = maxDelay == null ? Duration.ofSeconds(30) : maxDelay;
        jitter = jitter == null ? 0.2 : Math.clamp(jitter, 0.0, 1.0);
        retryable = retryable == null || retryable.isEmpty() ? DEFAULT_RETRYABLE : Set.copyOf(retryable);
    }
}
