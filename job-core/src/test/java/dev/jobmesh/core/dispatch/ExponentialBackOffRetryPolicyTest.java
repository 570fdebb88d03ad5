package dev.jobmesh.core.dispatch;

import java.time.Duration;

import dev.jobmesh.core.job.JobError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExponentialBackOffRetryPolicyTest {

    private final RetryPolicy exact = new ExponentialBackOffRetryPolicy(
            new RetryProperties(Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), 0.0, null));

    @Test
    void waitGrowsPerRunUpToTheCap() {
        JobError error = new JobError(JobError.CONNECTION_ERROR, "x");
        assertThat(exact.nextDelay(error, 1, 10)).contains(Duration.ofMillis(500));
        assertThat(exact.nextDelay(error, 2, 10)).contains(Duration.ofMillis(1000));
        assertThat(exact.nextDelay(error, 3, 10)).contains(Duration.ofMillis(2000));
        assertThat(exact.nextDelay(error, 4, 10)).contains(Duration.ofMillis(3000));
    }

    @Test
    void stopsAfterTheLastAttemptAndForFinalErrors() {
        assertThat(exact.nextDelay(new JobError(JobError.TIMEOUT, "x"), 3, 3)).isEmpty();
        assertThat(exact.nextDelay(new JobError(JobError.INVALID_PARAMS, "x"), 1, 3)).isEmpty();
        assertThat(exact.nextDelay(new JobError(JobError.HTTP_CLIENT_ERROR, "x"), 1, 3)).isEmpty();
        assertThat(exact.nextDelay(new JobError(JobError.CANCELLED, "x"), 1, 3)).isEmpty();
        assertThat(exact.nextDelay(null, 1, 3)).isEmpty();
    }

    @Test
    void jitterStaysWithinItsFraction() {
        RetryPolicy jittered = new ExponentialBackOffRetryPolicy(
                new RetryProperties(Duration.ofMillis(1000), 2.0, Duration.ofSeconds(30), 0.2, null));
        for (int i = 0; i < 200; i++) {
            assertThat(jittered.nextDelay(new JobError(JobError.CHILD_DIED, "x"), 1, 3).orElseThrow())
                    .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        }
    }
}
