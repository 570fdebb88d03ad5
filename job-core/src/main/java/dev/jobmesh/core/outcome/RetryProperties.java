package dev.jobmesh.core.outcome;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import dev.jobmesh.core.job.JobError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how soon a failed job runs again (up to its {@code maxAttempts}). Invalid values stop the service at
 * start-up, naming the property.
 *
 * @param initialDelay Wait before the second run.
 * @param multiplier   Growth of the wait per further run, at least 1.
 * @param maxDelay     Longest wait, at least the initial delay.
 * @param jitter       Fraction of the wait added or taken at random, 0 to 1.
 * @param retryable    The error codes worth another run; any other failure is final at once.
 */
@ConfigurationProperties("jobmesh.retry")
public record RetryProperties(@DefaultValue("500ms") Duration initialDelay, @DefaultValue("2.0") double multiplier,
                              @DefaultValue("30s") Duration maxDelay, @DefaultValue("0.2") double jitter,
                              @DefaultValue({JobError.TIMEOUT, JobError.CHILD_DIED, JobError.CONNECTION_ERROR,
                                      JobError.HTTP_SERVER_ERROR, JobError.WORKLOAD_ERROR, JobError.INTERRUPTED,
                                      JobError.MODEL_ERROR, JobError.REJECTED}) Set<String> retryable) {

    public RetryProperties {
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("jobmesh.retry.initial-delay must not be negative, was " + initialDelay);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("jobmesh.retry.multiplier must be at least 1, was " + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("jobmesh.retry.max-delay must be at least jobmesh.retry.initial-delay ("
                    + initialDelay + "), was " + maxDelay);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jobmesh.retry.jitter must be between 0 and 1, was " + jitter);
        }
        Set<String> unknown = new TreeSet<>(retryable);
        unknown.removeAll(JobError.CODES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("jobmesh.retry.retryable names unknown error codes " + unknown
                    + "; known: " + new TreeSet<>(JobError.CODES));
        }
        retryable = Set.copyOf(retryable);
    }

    /** The wait before each further run. */
    public BackOff backOff() {
        return new ExponentialBackOff(initialDelay, multiplier, maxDelay, jitter);
    }
}
