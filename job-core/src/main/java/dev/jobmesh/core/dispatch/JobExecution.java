package dev.jobmesh.core.dispatch;

import dev.jobmesh.core.job.JobOutcome;

/** The dispatch loop's side of one job handed to a {@link ConcurrencyModel}. */
public interface JobExecution {

    /**
     * A run of the job has begun; recorded as its start time and published as RUNNING. A model that runs a job
     * again itself (after its child process died, say) calls this at the start of every run: each call counts
     * as one attempt.
     */
    void started();

    /** The job has ended; its terminal status is published and its offset released for commit. */
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
