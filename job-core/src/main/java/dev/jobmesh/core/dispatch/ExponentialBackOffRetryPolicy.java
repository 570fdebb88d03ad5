package dev.jobmesh.core.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.jobmesh.core.job.JobError;

/**
 * Retries errors that another run may not meet again, waiting {@code initialDelay × multiplier^(n-1)} (capped)
 * with random jitter, so jobs that failed together do not all come back together.
 */
public final class ExponentialBackOffRetryPolicy implements RetryPolicy {

    private final RetryProperties properties;

    public ExponentialBackOffRetryPolicy(RetryProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Duration> nextDelay(JobError error, int attemptsDone, int maxAttempts) {
        if (error == null || attemptsDone >= maxAttempts || !properties.retryable().contains(error.code())) {
            return Optional.empty();
        }
        double base = properties.initialDelay().toMillis() * Math.pow(properties.multiplier(), attemptsDone - 1);
        double capped = Math.min(base, properties.maxDelay().toMillis());
        double jitter = properties.jitter() * capped * ThreadLocalRandom.current().nextDouble(-1, 1);
        return Optional.of(Duration.ofMillis(Math.max(0, Math.round(capped + jitter))));
    }
}
