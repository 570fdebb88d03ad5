package dev.jobmesh.worker.processes.internal.supervisor;

import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobOutcome;

/** A job handed to the pool, from the queue to the end of its one run on a child. */
public final class ChildRun {

    private final Job job;
    private final JobExecution execution;

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

    void started() {
        execution.started();
    }

    void complete(JobOutcome outcome) {
        execution.completed(outcome);
    }
}
