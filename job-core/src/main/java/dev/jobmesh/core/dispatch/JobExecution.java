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
}
