package dev.jobmesh.core.dispatch;

import dev.jobmesh.core.job.Job;

/**
 * How a worker runs jobs: the one interface each concurrency model implements.
 * The dispatch loop hands every job it polls to {@link #execute} and learns of its start and end
 * through the {@link JobExecution}; it bounds how many jobs are in flight, so a model need not.
 */
public interface ConcurrencyModel extends AutoCloseable {

    /**
     * Starts the job without blocking the caller (the Kafka poll thread). The model calls
     * {@link JobExecution#started()} as the job begins and {@link JobExecution#completed} once, from any thread.
     */
    void execute(Job job, JobExecution execution);

    /** How this model is set up, as the {@code variant} tag of its meters (e.g. pool-64, loop-1-offload). */
    default String variant() {
        return "default";
    }

    /** Stops accepting jobs and releases threads or processes; jobs still running may be abandoned. */
    @Override
    default void close() {
    }
}
