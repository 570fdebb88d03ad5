package dev.jobmesh.worker.processes;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.worker.processes.internal.supervisor.ChildProcessPool;
import dev.jobmesh.worker.processes.internal.supervisor.ChildRun;

/**
 * The process model: every job runs in a child OS process from a supervised pool, one job per child at a
 * time, never in the supervisor. A child that dies takes only its own job with it, and that job runs again
 * until its attempts run out ({@link dev.jobmesh.core.job.JobError#CHILD_DIED}). A job the dispatch loop stops
 * (past its time limit, or cancelled) has its child killed and replaced.
 */
public final class ProcessPoolModel implements ConcurrencyModel {

    private final ChildProcessPool pool;

    public ProcessPoolModel(ChildProcessPool pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Job job, JobExecution execution) {
        pool.submit(new ChildRun(job, execution));
    }

    /** The meters' {@code variant} tag: how many children. */
    @Override
    public String variant() {
        return "children-" + pool.stats().size();
    }

    /** Runs after the dispatch loop has drained its in-flight jobs: stops the children. */
    @Override
    public void close() {
        pool.close();
    }
}
