package dev.jobmesh.worker.processes.internal;

import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobOutcome;

/** A job handed to the pool, through all its runs on children until it completes. */
public final class ChildRun {

    private final Job job;
    private final JobExecution execution;

    // Owned by the pool's supervisor thread.
    int runs;

    public ChildRun(Job job, JobExecution execution) {
        this.job = job;
        this.execution = execution;
    }

    public Job job() {
        return job;
    }

    JobExecution execution() {
        return execution;
    }

    /** The attempt number of the current run, as the dispatch loop counts it: one per {@code started()}. */
    int attempt() {
        return job.attempt() + runs - 1;
    }

    void started() {
        runs++;
        execution.started();
    }

    void complete(JobOutcome outcome) {
        execution.completed(outcome);
    }
}
