package dev.jobmesh.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;

/** Clients long-polling for a job to finish, as futures keyed by job id: no thread waits. */
final class TerminalWaiters {

    private final Map<String, List<CompletableFuture<JobState>>> byId = new ConcurrentHashMap<>();
    private final JobCodec codec;
    private final Executor callbacks;

    /** @param callbacks where a finished job is decoded and its waiters answered: not the view's own thread */
    TerminalWaiters(JobCodec codec, Executor callbacks) {
        this.codec = codec;
        this.callbacks = callbacks;
    }

    CompletableFuture<JobState> register(String id) {
        CompletableFuture<JobState> future = new CompletableFuture<>();
        // Added inside compute, not after computeIfAbsent: a concurrent removal could otherwise drop the list from
        // the map between the two steps and leave this waiter on an orphan no finish ever reaches.
        byId.compute(id, (k, list) -> {
            List<CompletableFuture<JobState>> waiting = list != null ? list : new CopyOnWriteArrayList<>();
            waiting.add(future);
            return waiting;
        });
        future.whenComplete((state, error) -> byId.computeIfPresent(id, (k, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        }));
        return future;
    }

    /** A job finished; its snapshot is decoded only if someone waits for it, and off the caller's thread. */
    void finished(String id, byte[] snapshot) {
        List<CompletableFuture<JobState>> futures = byId.get(id);
        if (futures != null && !futures.isEmpty()) {
            callbacks.execute(() -> {
                JobState state = codec.decodeState(snapshot);
                futures.forEach(f -> f.complete(state));
            });
        }
    }
}
