package dev.jobmesh.worker.processes.internal.supervisor;

import java.util.Optional;

import org.springframework.util.unit.DataSize;

/** When a healthy child is replaced anyway, as Celery's max_tasks_per_child and max_memory_per_child do. */
record RecyclePolicy(int maxJobs, DataSize maxMemory) {

    /** Why the child, having just finished a job, should be replaced; empty to keep it. */
    Optional<RestartReason> reason(ChildProcess child) {
        if (maxJobs > 0 && child.jobsDone >= maxJobs) {
            return Optional.of(RestartReason.MAX_JOBS);
        }
        long limit = maxMemory.toBytes();
        if (limit > 0 && child.residentSetSize().orElse(0) > limit) {
            return Optional.of(RestartReason.MAX_MEMORY);
        }
        return Optional.empty();
    }
}
