package dev.jobmesh.loadgen.stats;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTest {

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 1000; ms++) {
            recorder.record(Duration.ofMillis(ms));
        }
        assertThat(recorder.count()).isEqualTo(1000);
        assertThat(recorder.percentile(50).toNanos() / 1e6).isCloseTo(500, within(1.0));
        assertThat(recorder.percentile(95).toNanos() / 1e6).isCloseTo(950, within(1.0));
        assertThat(recorder.percentile(99).toNanos() / 1e6).isCloseTo(990, within(1.0));
        assertThat(recorder.max().toNanos() / 1e6).isCloseTo(1000, within(1.0));
    }

    @Test
    void measuresFromTheIntendedSendTimeSoAStallIsNotHidden() {
        LatencyRecorder recorder = new LatencyRecorder();
        long start = 0;
        // Open loop, one job intended every 10 ms; the system stalls for 1 s after the first job, so the next 99
        // are sent late and all answered at 1 s + 1 ms. Timing from the intended send shows the queue they waited in.
        recorder.record(start, start + 1_000_000);
        for (int i = 1; i < 100; i++) {
            long intended = start + i * 10_000_000L;
            recorder.record(intended, start + 1_001_000_000L);
        }
        assertThat(recorder.percentile(50)).isGreaterThan(Duration.ofMillis(400));
        assertThat(recorder.max().toMillis()).isBetween(985L, 1001L);
    }
}
