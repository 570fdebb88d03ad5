package dev.jobmesh.gateway.status;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Jobs queued or running, per owner (the API key that submitted them), as the view has read them: every gateway
 * reads every status record, so each instance counts the jobs of all instances. Kept in the view's store with its
 * positions, so a gateway that resumes its view resumes its counts. Jobs without an owner are not counted.
 */
final class UnfinishedJobs {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    /** The counts a store kept. */
    void load(Map<String, Long> stored) {
        counts.clear();
        counts.putAll(stored);
    }

    long count(String owner) {
        return counts.getOrDefault(owner, 0L);
    }

    /**
     * Adds one poll's changes and hands the new counts of the owners that changed to {@code store}, one reader at a
     * time: the store keeps the counts written last, so they must be written in the order they were added.
     */
    synchronized void addAndStore(Map<String, Long> deltas, Consumer<Map<String, Long>> store) {
        store.accept(add(deltas));
    }

    private Map<String, Long> add(Map<String, Long> deltas) {
        Map<String, Long> changed = new HashMap<>();
        deltas.forEach((owner, delta) -> {
            if (delta != 0) {
                // never below zero: a job counted before the counts were kept ends without having been counted
                changed.put(owner, counts.merge(owner, delta, (a, b) -> Math.max(0, a + b)));
            }
        });
        return changed;
    }
}
