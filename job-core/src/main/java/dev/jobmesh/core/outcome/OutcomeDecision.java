package dev.jobmesh.core.outcome;

import java.time.Duration;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.metrics.JobMeters;

/** What follows a finished run: the records a worker writes for it. */
public sealed interface OutcomeDecision {

    /** The {@code outcome} tag of the run on {@code jobs_completed_total}. */
    String meterOutcome();

    /** The job is done: its terminal status, SUCCEEDED or CANCELLED. */
    record Finish(JobState terminal) implements OutcomeDecision {

        @Override
        public String meterOutcome() {
            return switch (terminal.status()) {
                case SUCCEEDED -> JobMeters.SUCCEEDED;
                case CANCELLED -> JobMeters.CANCELLED;
                default -> JobMeters.FAILED;
            };
        }
    }

    /** The job runs again: {@code next} goes back to its topic to start after {@code delay}; its status says so. */
    record Retry(Job next, JobState retrying, Duration delay) implements OutcomeDecision {

        @Override
        public String meterOutcome() {
            return JobMeters.RETRIED;
        }
    }

    /** The job failed for good: its FAILED status, and a dead letter from which it can be replayed. */
    record DeadLetterJob(JobState terminal, DeadLetter letter) implements OutcomeDecision {

        @Override
        public String meterOutcome() {
            return JobMeters.FAILED;
        }
    }
}
