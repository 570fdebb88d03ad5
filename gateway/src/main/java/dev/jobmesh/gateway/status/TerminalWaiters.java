package dev.jobmesh.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jobmesh.core.job.JobState;

/** Clients long-polling for a job to finish, as futures keyed by job id: no thread waits. */
final class TerminalWaiters {

    private final Map<String, List<CompletableFuture<JobState>>> byId = new ConcurrentHashMap<>();

    CompletableFuture<JobState> register(String id) {
        CompletableFuture<JobState> future = new CompletableFuture<>();
        byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(future);
        future.whenComplete((state, error) -> byId.computeIfPresent(id, (k, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        }));
        return future;
    }

    void finished(JobState state) {
        List<CompletableFuture<JobState>> futures = byId.get(state.id());
        if (futures != null) {
            futures.forEach(f -> f.complete(state));
        }
    }
}
