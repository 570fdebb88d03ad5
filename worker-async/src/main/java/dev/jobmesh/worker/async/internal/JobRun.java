package dev.jobmesh.worker.async.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.workload.WorkloadFailures;
import io.netty.channel.EventLoop;

/**
 * One job on its event loop, from start to its one outcome. Its result and a stop from the dispatch loop (its time
 * limit, or a cancellation) race to end it; the first wins, so the job completes exactly once whichever thread
 * reports first, and a stop also stops the work. Stopping never waits: it cancels a timer, disposes a request or
 * interrupts a pool thread, from whatever thread the dispatch loop stops on.
 */
public final class JobRun implements Completion {

    private final Job job;
    private final JobExecution execution;
    private final EventLoop loop;
    private final LoopWorkloads workloads;
    private final RunningJobs running;
    private final WorkloadFailures failures;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Cancellable work = Cancellable.DONE;

    public JobRun(Job job, JobExecution execution, EventLoop loop, LoopWorkloads workloads, RunningJobs running,
                  WorkloadFailures failures) {
        this.job = job;
        this.execution = execution;
        this.loop = loop;
        this.workloads = workloads;
        this.running = running;
        this.failures = failures;
    }

    /** Starts the job; runs on its loop. */
    public void start() {
        running.started();
        execution.onStop(this::stop);
        if (finished.get()) {
            return; // stopped before it began: the dispatch loop ran the stop as it was registered
        }
        execution.started();
        Optional<LoopWorkload> workload = workloads.find(job.type());
        if (workload.isEmpty()) {
            finish(JobOutcome.failure(JobError.UNKNOWN_TYPE, "no workload of type '" + job.type() + "'"));
            return;
        }
        try {
            work = workload.get().start(job.params(), loop, this);
        } catch (RuntimeException e) {
            failed(e);
        }
        if (finished.get()) {
            // Stopped from another thread while the work was being started: stop that too.
            work.cancel();
        }
    }

    @Override
    public void succeeded(Map<String, Object> result) {
        finish(JobOutcome.success(result));
    }

    @Override
    public void failed(Throwable error) {
        finish(failures.outcome(error));
    }

    /** Ends the job now and stops its work; the dispatch loop records the outcome under its reason. */
    private void stop() {
        if (finish(JobOutcome.failure(JobError.CANCELLED, "stopped while running"))) {
            work.cancel();
        }
    }

    private boolean finish(JobOutcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        running.ended();
        execution.completed(outcome);
        return true;
    }
}
