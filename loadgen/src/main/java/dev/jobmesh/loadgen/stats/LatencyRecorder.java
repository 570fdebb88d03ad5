package dev.jobmesh.loadgen.stats;

import java.time.Duration;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one cell of a load test, in microseconds from 1 µs to 10 minutes at 3 significant digits.
 */
public final class LatencyRecorder {

    private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;

    private final Histogram histogram = new Histogram(1, MAX_MICROS, 3);

    /** Records one latency; values outside 1 µs..10 min are clamped to that range. */
    public synchronized void record(Duration latency) {
        histogram.recordValue(Math.clamp(latency.toNanos() / 1_000, 1, MAX_MICROS));
    }

    /** The latency below which {@code percentile} per cent of the records lie. */
    public synchronized Duration percentile(double percentile) {
        return Duration.ofNanos(histogram.getValueAtPercentile(percentile) * 1_000);
    }

    public synchronized Duration max() {
        return Duration.ofNanos(histogram.getMaxValue() * 1_000);
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }
}
