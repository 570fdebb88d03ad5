package dev.jobmesh.gateway.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.kafka.JobTopics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Removes finished jobs once they are older than the retention, by writing tombstones to
 * {@code jobs.status}: compaction then drops them from the topic, and every gateway's view drops them
 * as it reads the tombstone. Any instance may sweep; a tombstone written twice does no harm.
 */
public final class StatusRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusRetention.class);
    /** Tombstones sent before the producer is flushed: bounds the ids a sweep holds, not how many it removes. */
    private static final int PAGE = 10_000;

    private final StatusView view;
    private final Producer<String, byte[]> producer;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    /** The last sweep's cutoff: by the next sweep, the view has read its tombstones. */
    private volatile Instant swept;

    public StatusRetention(StatusView view, Producer<String, byte[]> producer, Duration retention, Duration interval,
                           Clock clock) {
        this.view = view;
        this.producer = producer;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Writes tombstones for every job past the retention; returns how many. A sweep removes all of them, however many
     * finished in the interval: one capped at 50,000 fell behind a soak finishing 66,000 jobs a minute, and the
     * view grew without end.
     */
    public int sweep() {
        Instant previous = swept;
        if (previous != null) {
            view.reclaimFinishedBefore(previous);
        }
        Instant cutoff = clock.instant().minus(retention);
        int removed = view.finishedBefore(cutoff, PAGE, this::tombstones);
        if (removed > 0) {
            log.info("Retention removed {} jobs finished more than {} ago", removed, retention);
        }
        // an interrupted sweep (the gateway stopping) leaves the rest for the next, whose cutoff covers them
        if (!Thread.currentThread().isInterrupted()) {
            swept = cutoff;
        }
        return removed;
    }

    private void tombstones(List<String> ids) {
        for (String id : ids) {
            producer.send(new ProducerRecord<>(JobTopics.STATUS, id, null));
        }
        producer.flush();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("jobmesh-retention").factory());
        scheduler.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Retention sweep failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        producer.close(Duration.ofSeconds(2));
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return 1;
    }
}
