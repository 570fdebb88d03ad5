package dev.jobmesh.gateway.routing;

import java.util.Arrays;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The jobs of one model and type that finished within a sliding window, in slots by finish time (the snapshot's
 * own, not when the view read it, so a gateway replaying old snapshots counts none of them as recent): how many,
 * how many failed, and their queue wait and execution time.
 */
final class CompletionWindow {

    /** The slots, the current one included, the recent completion rate is taken over. */
    static final int RECENT_SLOTS = 3;
    /** Longest time recorded, in microseconds: an hour, the longest a job may run. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final long slotMillis;
    private final long[] slotIds;
    private final long[] completed;
    private final long[] failed;
    private final AbstractHistogram[] queueWait;
    private final AbstractHistogram[] execution;

    CompletionWindow(int slots, long slotMillis) {
        this.slotMillis = slotMillis;
        this.slotIds = new long[slots];
        this.completed = new long[slots];
        this.failed = new long[slots];
        this.queueWait = new AbstractHistogram[slots];
        this.execution = new AbstractHistogram[slots];
        Arrays.fill(slotIds, Long.MIN_VALUE);
    }

    /**
     * One finished job; a time unknown (a job cancelled before it started) is negative and not recorded.
     * A finish older than the window is ignored.
     */
    synchronized void record(long nowMillis, long finishedAtMillis, boolean failedRun, long queueWaitMicros,
                             long executionMicros) {
        long slotId = Math.floorDiv(finishedAtMillis, slotMillis);
        if (slotId <= Math.floorDiv(nowMillis, slotMillis) - slotIds.length) {
            return;
        }
        int slot = (int) Math.floorMod(slotId, (long) slotIds.length);
        if (slotIds[slot] != slotId) {
            if (slotIds[slot] > slotId) {
                return; // the slot already holds a later period: this finish is older than the window
            }
            slotIds[slot] = slotId;
            completed[slot] = 0;
            failed[slot] = 0;
            reset(queueWait[slot]);
            reset(execution[slot]);
        }
        completed[slot]++;
        if (failedRun) {
            failed[slot]++;
        }
        if (queueWaitMicros >= 0) {
            queueWait[slot] = recorded(queueWait[slot], queueWaitMicros);
        }
        if (executionMicros >= 0) {
            execution[slot] = recorded(execution[slot], executionMicros);
        }
    }

    /** What finished within the window ending now. */
    synchronized Summary summary(long nowMillis) {
        long current = Math.floorDiv(nowMillis, slotMillis);
        long oldest = current - slotIds.length;
        long recent = 0;
        long done = 0;
        long failures = 0;
        AbstractHistogram waits = new IntCountsHistogram(HIGHEST_MICROS, 2);
        AbstractHistogram runs = new IntCountsHistogram(HIGHEST_MICROS, 2);
        for (int slot = 0; slot < slotIds.length; slot++) {
            if (slotIds[slot] > oldest) {
                done += completed[slot];
                if (slotIds[slot] > current - RECENT_SLOTS) {
                    recent += completed[slot];
                }
                failures += failed[slot];
                if (queueWait[slot] != null) {
                    waits.add(queueWait[slot]);
                }
                if (execution[slot] != null) {
                    runs.add(execution[slot]);
                }
            }
        }
        long recentMillis = (RECENT_SLOTS - 1) * slotMillis + Math.max(1, nowMillis - current * slotMillis);
        return new Summary(done, failures, recent, recentMillis, Percentiles.of(waits), Percentiles.of(runs));
    }

    private static AbstractHistogram recorded(AbstractHistogram histogram, long micros) {
        // Created on first use: most model and type pairs see no traffic on a given deployment.
        AbstractHistogram target = histogram != null ? histogram : new IntCountsHistogram(HIGHEST_MICROS, 2);
        target.recordValue(Math.min(micros, HIGHEST_MICROS));
        return target;
    }

    private static void reset(AbstractHistogram histogram) {
        if (histogram != null) {
            histogram.reset();
        }
    }

    /**
     * Finished jobs within a window, and within its last few slots ({@code recent} over {@code recentMillis}, the
     * current slot as far as it has gone); the percentiles are null when no job had the time.
     */
    record Summary(long completed, long failed, long recent, long recentMillis, Percentiles queueWait,
                   Percentiles execution) {
    }

    /** The median and 99th percentile of a time, in milliseconds; null when nothing was recorded. */
    record Percentiles(long samples, Double p50, Double p99) {

        static Percentiles of(AbstractHistogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Percentiles(0, null, null);
            }
            return new Percentiles(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0);
        }
    }
}
