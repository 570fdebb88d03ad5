package dev.jobmesh.worker.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.workload.BlockingJobRunner;

/**
 * The thread model: each job runs start to end on one thread of an executor, blocking it while it waits;
 * cancelling it or passing its time limit interrupts that thread.
 * Which threads - a bounded platform pool or a virtual thread per job - is the executor's business.
 */
public final class ExecutorModel implements ConcurrencyModel {

    private final ExecutorService executor;
    private final BlockingJobRunner runner;
    private final String variant;

    public ExecutorModel(ExecutorService executor, BlockingJobRunner runner, String variant) {
        this.executor = executor;
        this.runner = runner;
        this.variant = variant;
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public void execute(Job job, JobExecution execution) {
        try {
            executor.execute(() -> {
                Thread.interrupted(); // a stop meant for the job this thread ran before must not hit this one
                Thread thread = Thread.currentThread();
                AtomicBoolean active = new AtomicBoolean(true);
                execution.onStop(() -> {
                    if (active.get()) {
                        thread.interrupt();
                    }
                });
                execution.started();
                JobOutcome outcome = runner.run(job);
                active.set(false);
                Thread.interrupted();
                execution.completed(outcome);
            });
        } catch (RejectedExecutionException e) {
            execution.completed(JobOutcome.failure(JobError.REJECTED, "worker is shutting down"));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
