package dev.jobmesh.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Clients long-polling for jobs to finish, keyed by job id: no thread waits. */
final class TerminalWaiters {

    /** Told when a job it waits for has finished. Runs on the view's own thread, so it must return at once. */
    interface Waiter {
        void finished(String id, StatusJson snapshot);
    }

    private final Map<String, List<Waiter>> byId = new ConcurrentHashMap<>();

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

    /** A job finished; nothing is decoded here. */
    void finished(String id, StatusJson snapshot) {
        List<Waiter> waiting = byId.get(id);
        if (waiting != null) {
            waiting.forEach(w -> w.finished(id, snapshot));
        }
    }
}
