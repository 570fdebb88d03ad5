package dev.jobmesh.gateway.status;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * How far the view has read each partition it reads, and the futures of readers
 * waiting for it to get somewhere: a lookup waits on this rather than on a thread.
 */
final class ViewPositions {

    private final Map<TopicPartition, Long> reached = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Executor callbacks;
    private final ViewReplay replay;

    /**
     * @param callbacks where readers waiting for the view continue: not the view's own thread
     * @param replay    told of every advance while the view replays its topics after a start
     */
    ViewPositions(Executor callbacks, ViewReplay replay) {
        this.callbacks = callbacks;
        this.replay = replay;
    }

    /** The offsets reached so far. */
    Map<TopicPartition, Long> reached() {
        return Map.copyOf(reached);
    }

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
        replay.advanced(reached);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (waiters) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.future.isDone()) {
                    it.remove();
                } else if (isReached(waiter.targets)) {
                    ready.add(waiter.future);
                    it.remove();
                }
            }
        }
        // What the readers do next (look jobs up, answer) runs on the callback threads, not under the lock and not
        // on the thread that reads Kafka.
        ready.forEach(future -> future.completeAsync(() -> null, callbacks));
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
