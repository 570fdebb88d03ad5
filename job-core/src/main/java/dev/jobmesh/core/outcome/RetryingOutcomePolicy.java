package dev.jobmesh.core.outcome;

import java.time.Duration;
import java.util.Set;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;

/**
 * Runs a failed job again while its error is one another run may not meet and it has attempts left, waiting as
 * the back-off says; a job that fails for good is dead-lettered, any other ending is final.
 */
public final class RetryingOutcomePolicy implements OutcomePolicy {

    private final Set<String> retryable;
    private final BackOff backOff;

    /** @param retryable the {@link dev.jobmesh.core.job.JobError} codes worth another run */
    public RetryingOutcomePolicy(Set<String> retryable, BackOff backOff) {
        this.retryable = Set.copyOf(retryable);
        this.backOff = backOff;
    }

    @Override
    public OutcomeDecision decide(FinishedRun run) {
        Job job = run.job();
        JobOutcome outcome = run.outcome();
        int attempt = job.attempt();
        if (!outcome.succeeded() && retryable.contains(outcome.error().code()) && attempt < job.maxAttempts()) {
            Duration delay = backOff.delay(attempt);
            Job next = job.retry(attempt + 1, run.finishedAt().plus(delay), JobState.withRun(job.history(),
                    new JobAttempt(attempt, run.worker(), run.startedAt(), run.finishedAt(), outcome.error())));
            return new OutcomeDecision.Retry(next,
                    JobState.retrying(next, run.worker(), outcome.error(), run.startedAt(), run.finishedAt()), delay);
        }
        JobState terminal = JobState.finished(job, attempt, run.worker(), outcome, run.startedAt(), run.finishedAt());
        if (terminal.status() == JobStatus.FAILED) {
            return new OutcomeDecision.DeadLetterJob(terminal, new DeadLetter(job.id(), job, outcome.error(),
                    terminal.history(), run.worker(), run.finishedAt(), null));
        }
        return new OutcomeDecision.Finish(terminal);
    }
}
