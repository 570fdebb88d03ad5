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
}
