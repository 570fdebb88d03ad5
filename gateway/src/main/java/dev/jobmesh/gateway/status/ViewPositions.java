package dev.jobmesh.gateway.status;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * How far the view has read each partition it reads, and the futures of readers
 * waiting for it to get somewhere: a lookup waits on this rather than on a thread.
 */
final class ViewPositions {

    private final Map<TopicPartition, Long> reached = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Map<TopicPartition, Long> targets, CompletableFuture<Void> future) {
    }

    /** Completes once every partition has been read up to (excluding) its target offset. */
    CompletableFuture<Void> awaitReached(Map<TopicPartition, Long> targets) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (waiters) {
            if (isReached(targets)) {
                future.complete(null);
            } else {
                waiters.add(new Waiter(targets, future));
            }
        }
        return future;
    }

    void advance(Map<TopicPartition, Long> positions) {
        reached.putAll(positions);
        synchronized (waiters) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.future.isDone()) {
                    it.remove();
                } else if (isReached(waiter.targets)) {
                    waiter.future.complete(null);
                    it.remove();
                }
            }
        }
    }

    private boolean isReached(Map<TopicPartition, Long> targets) {
        for (var target : targets.entrySet()) {
            if (target.getValue() > 0 && reached.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }
}
