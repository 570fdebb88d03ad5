package dev.jobmesh.core.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.metrics.JobMeters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryingOutcomePolicyTest {

    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant FINISHED = STARTED.plusMillis(40);

    private final OutcomePolicy policy = new RetryingOutcomePolicy(Set.of(JobError.CHILD_DIED, JobError.TIMEOUT),
            new ExponentialBackOff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), 0.0));

    private static Job job(int attempt, int maxAttempts) {
        Job first = new Job("j1", "cpu", Model.PROCESSES, Map.of(), STARTED.minusSeconds(1), 1, maxAttempts, null);
        return attempt == 1 ? first : first.retry(attempt, null, null);
    }

    private OutcomeDecision decide(Job job, JobOutcome outcome) {
        return policy.decide(new FinishedRun(job, outcome, "w1", STARTED, FINISHED));
    }

    @Test
    void aSuccessFinishesTheJob() {
        OutcomeDecision decision = decide(job(1, 3), JobOutcome.success(Map.of("primes", 4)));
        assertThat(decision).isInstanceOfSatisfying(OutcomeDecision.Finish.class, finish -> {
            assertThat(finish.terminal().status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(finish.terminal().attempts()).isEqualTo(1);
            assertThat(finish.terminal().history()).hasSize(1);
        });
        assertThat(decision.meterOutcome()).isEqualTo(JobMeters.SUCCEEDED);
    }

    @Test
    void aRetryableFailureRunsAgainAsTheNextAttemptAfterTheBackOff() {
        OutcomeDecision decision = decide(job(2, 3), JobOutcome.failure(JobError.CHILD_DIED, "killed"));
        assertThat(decision).isInstanceOfSatisfying(OutcomeDecision.Retry.class, retry -> {
            assertThat(retry.delay()).isEqualTo(Duration.ofMillis(1000));
            assertThat(retry.next().attempt()).isEqualTo(3);
            assertThat(retry.next().notBefore()).isEqualTo(FINISHED.plusMillis(1000));
            assertThat(retry.next().history()).extracting(a -> a.attempt()).containsExactly(2);
            assertThat(retry.retrying().status()).isEqualTo(JobStatus.QUEUED);
            assertThat(retry.retrying().error().code()).isEqualTo(JobError.CHILD_DIED);
        });
        assertThat(decision.meterOutcome()).isEqualTo(JobMeters.RETRIED);
    }

    @Test
    void theLastAttemptOrAFinalErrorIsDeadLettered() {
        assertThat(decide(job(3, 3), JobOutcome.failure(JobError.CHILD_DIED, "killed")))
                .isInstanceOfSatisfying(OutcomeDecision.DeadLetterJob.class, dead -> {
                    assertThat(dead.terminal().status()).isEqualTo(JobStatus.FAILED);
                    assertThat(dead.terminal().attempts()).isEqualTo(3);
                    assertThat(dead.letter().job().id()).isEqualTo("j1");
                    assertThat(dead.letter().history()).extracting(a -> a.attempt()).containsExactly(3);
                });
        assertThat(decide(job(1, 3), JobOutcome.failure(JobError.INVALID_PARAMS, "no")))
                .isInstanceOf(OutcomeDecision.DeadLetterJob.class);
    }

    @Test
    void aCancelledRunIsFinalWithoutALetter() {
        OutcomeDecision decision = decide(job(1, 3), JobOutcome.failure(JobError.CANCELLED, "cancelled while running"));
        assertThat(decision).isInstanceOfSatisfying(OutcomeDecision.Finish.class,
                finish -> assertThat(finish.terminal().status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(decision.meterOutcome()).isEqualTo(JobMeters.CANCELLED);
    }

    @Test
    void aJobCancelledBeforeItsFirstRunEndsCancelledWithNoAttempt() {
        OutcomeDecision decision = policy.cancelledBeforeStart(job(1, 3), "w1", STARTED);
        assertThat(decision).isInstanceOfSatisfying(OutcomeDecision.Finish.class, finish -> {
            assertThat(finish.terminal().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(finish.terminal().startedAt()).isNull();
            assertThat(finish.terminal().worker()).isEqualTo("w1");
        });
        assertThat(decision.meterOutcome()).isEqualTo(JobMeters.CANCELLED);
    }
}
