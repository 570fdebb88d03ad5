package dev.jobmesh.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;

/** Clients long-polling for jobs to finish, keyed by job id: no thread waits. */
final class TerminalWaiters {

    /** Told when a job it waits for has finished. Runs on the view's own thread, so it must return at once. */
    interface Waiter {
        void finished(String id, StatusJson snapshot);
    }

    private final Map<String, List<Waiter>> byId = new ConcurrentHashMap<>();
    private final JobCodec codec;
    private final Executor callbacks;

    /** @param callbacks where a finished job is decoded for the waiters that want it whole: not the view's thread */
    TerminalWaiters(JobCodec codec, Executor callbacks) {
        this.codec = codec;
        this.callbacks = callbacks;
    }

    void add(String id, Waiter waiter) {
        // Added inside compute, not after computeIfAbsent: a concurrent removal could otherwise drop the list from
        // the map between the two steps and leave this waiter on an orphan no finish ever reaches.
        byId.compute(id, (k, list) -> {
            List<Waiter> waiting = list != null ? list : new CopyOnWriteArrayList<>();
            waiting.add(waiter);
            return waiting;
        });
    }

    void remove(String id, Waiter waiter) {
        byId.computeIfPresent(id, (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    /** A future of the job decoded once it finishes; it deregisters itself when completed in any way. */
    CompletableFuture<JobState> register(String id) {
        CompletableFuture<JobState> future = new CompletableFuture<>();
        Waiter waiter = (finished, snapshot) -> callbacks.execute(() -> future.complete(
                codec.decodeState(snapshot.bytes(), snapshot.offset())));
        add(id, waiter);
        future.whenComplete((state, error) -> remove(id, waiter));
        return future;
    }

    /** A job finished; nothing is decoded here. */
    void finished(String id, StatusJson snapshot) {
        List<Waiter> waiting = byId.get(id);
        if (waiting != null) {
            waiting.forEach(w -> w.finished(id, snapshot));
        }
    }
}
