package dev.jobmesh.core.dispatch;

import dev.jobmesh.core.job.JobOutcome;

/** The dispatch loop's side of one job handed to a {@link ConcurrencyModel}. */
public interface JobExecution {

    /** The run has begun; recorded as its start time and published as RUNNING. Called at most once. */
    void started();

    /**
     * The run has ended, however it ended (a dead child process is a failure like any other); the first call
     * counts. The dispatch loop's {@link dev.jobmesh.core.outcome.OutcomePolicy} decides what follows - done,
     * another run, or a dead letter - and the offset is released once Kafka has what it decided.
     */
    void completed(JobOutcome outcome);

    /**
     * How to stop the current run early - when it is cancelled or passes its time limit. The model registers it
     * as the run starts; it may be called on any thread, at most once per run. The run should then end soon and
     * report any outcome: the dispatch loop records it as {@code CANCELLED} or {@code TIMEOUT}. A model that
     * registers nothing is left to finish, and the loop reports the job stopped after a short grace period.
     */
    default void onStop(Runnable stopper) {
    }
}
