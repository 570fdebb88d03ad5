package dev.jobmesh.core.dispatch;

import dev.jobmesh.core.job.JobOutcome;

/** The dispatch loop's side of one job handed to a {@link ConcurrencyModel}. */
public interface JobExecution {

    /** The job has begun to run; recorded as its start time and published as RUNNING. */
    void started();

    /** The job has ended; its terminal status is published and its offset released for commit. */
    void completed(JobOutcome outcome);
}
