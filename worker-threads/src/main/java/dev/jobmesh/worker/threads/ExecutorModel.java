package dev.jobmesh.worker.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.JobExecution;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.workload.BlockingJobRunner;

/**
 * The thread model: each job runs start to end on one thread of an executor, blocking it while it waits.
 * Which threads - a bounded platform pool or a virtual thread per job - is the executor's business.
 */
public final class ExecutorModel implements ConcurrencyModel {

    private final ExecutorService executor;
    private final BlockingJobRunner runner;

    public ExecutorModel(ExecutorService executor, BlockingJobRunner runner) {
        this.executor = executor;
        this.runner = runner;
    }

    @Override
    public void execute(Job job, JobExecution execution) {
        try {
            executor.execute(() -> {
                execution.started();
                execution.completed(runner.run(job));
            });
        } catch (RejectedExecutionException e) {
            execution.completed(JobOutcome.failure("REJECTED", "worker is shutting down"));
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
