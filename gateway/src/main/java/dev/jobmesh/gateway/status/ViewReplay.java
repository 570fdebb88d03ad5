package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a starting view has replayed its topics, up to their ends when it started: logged every few seconds
 * and read by a gauge, so an operator sees a gateway that is not ready yet make progress, and how much is left.
 */
final class ViewReplay {

    private static final Logger log = LoggerFactory.getLogger(ViewReplay.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private volatile Map<TopicPartition, Long> targets = Map.of();
    private volatile long total = -1;
    private volatile long remaining = -1;
    private long began;
    private long lastLog;
    private boolean done;

    /** The replay's end (each partition's end offset at the start) and where the view resumes from. */
    synchronized void begin(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> from) {
        targets = Map.copyOf(ends);
        total = behind(ends, from);
        remaining = total;
        began = System.nanoTime();
        lastLog = began;
        log.info("Job view replaying {} records to catch up with its topics", total);
        if (total == 0) {
            finish();
        }
    }

    /** Called as the view reads: the offsets it has reached. */
    synchronized void advanced(Map<TopicPartition, Long> reached) {
        if (done || total < 0) {
            return;
        }
        remaining = behind(targets, reached);
        long now = System.nanoTime();
        if (remaining == 0) {
            finish();
        } else if (now - lastLog >= LOG_EVERY.toNanos()) {
            lastLog = now;
            long read = total - remaining;
            log.info("Job view replay: {} of {} records read ({} %), {} left, {} records/s", read, total,
                    total == 0 ? 100 : read * 100 / total, remaining, perSecond(read, now));
        }
    }

    /** Records left to replay: 0 once the view has caught up with where its topics ended at its start. */
    double remaining() {
        return remaining < 0 ? Double.NaN : remaining;
    }

    private void finish() {
        done = true;
        remaining = 0;
        long now = System.nanoTime();
        log.info("Job view replayed {} records in {} ms ({} records/s)", total, (now - began) / 1_000_000,
                perSecond(total, now));
    }

    private long perSecond(long records, long now) {
        long elapsed = Math.max(1, now - began);
        return records * 1_000_000_000L / elapsed;
    }

    private static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> reached) {
        long sum = 0;
        for (var end : ends.entrySet()) {
            sum += Math.max(0, end.getValue() - reached.getOrDefault(end.getKey(), 0L));
        }
        return sum;
    }
}
