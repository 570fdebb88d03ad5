package dev.jobmesh.loadgen.stats;

/** Percentiles of one latency distribution in milliseconds, as the report prints them. */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static LatencySummary of(LatencyRecorder recorder) {
        return new LatencySummary(recorder.count(), millis(recorder, 50), millis(recorder, 95), millis(recorder, 99),
                recorder.max().toNanos() / 1e6);
    }

    private static double millis(LatencyRecorder recorder, double percentile) {
        return recorder.count() == 0 ? 0 : recorder.percentile(percentile).toNanos() / 1e6;
    }
}
