package dev.jobmesh.worker.async;

import java.util.concurrent.RejectedExecutionException;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.workload.WorkloadFailures;
import dev.jobmesh.worker.async.internal.EventLoops;
import dev.jobmesh.worker.async.internal.JobRun;
import dev.jobmesh.worker.async.internal.LoopWorkloads;
import dev.jobmesh.worker.async.internal.RunningJobs;
import io.netty.channel.EventLoop;

/**
 * The event-loop model: each job is handed to one of a few loop threads and runs there as timers and socket events,
 * holding no thread while it waits. How many jobs are in flight is the dispatch loop's window, not a thread count.
 * A job past its time limit, or stopped by the dispatch loop, ends at once without blocking a loop.
 */
public final class EventLoopModel implements ConcurrencyModel {

    private final EventLoops loops;
    private final LoopWorkloads workloads;
    private final RunningJobs running;
    private final String variant;
    private final WorkloadFailures failures = new WorkloadFailures();

    /** @param variant how it is set up, for the meters: e.g. {@code loop-1-offload} */
    public EventLoopModel(EventLoops loops, LoopWorkloads workloads, RunningJobs running, String variant) {
        this.loops = loops;
        this.workloads = workloads;
        this.running = running;
        this.variant = variant;
    }

    @Override
    public void execute(Job job, JobExecution execution) {
        EventLoop loop = loops.next();
        JobRun run = new JobRun(job, execution, loop, workloads, running, failures);
        try {
            loop.execute(run::start);
        } catch (RejectedExecutionException e) {
            execution.completed(JobOutcome.failure(JobError.MODEL_ERROR, "worker is shutting down"));
        }
    }

    @Override
    public String variant() {
        return variant;
    }

    /** Jobs started and not yet ended. */
    public int running() {
        return running.count();
    }
}
