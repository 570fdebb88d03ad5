package dev.jobmesh.loadgen.stats;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThroughputBoundTest {

    @Test
    void waitingWorkIsBoundByConcurrencyOverTheWait() {
        assertThat(ThroughputBound.waiting(64, Duration.ofMillis(50)).jobsPerSecond()).isCloseTo(1280, within(1e-9));
        assertThat(ThroughputBound.waiting(1000, Duration.ofMillis(50)).jobsPerSecond()).isCloseTo(20_000, within(1e-9));
    }

    @Test
    void cpuWorkIsBoundByCoresOverTheSingleJobTime() {
        assertThat(ThroughputBound.cpu(2, Duration.ofMillis(6)).jobsPerSecond()).isCloseTo(333.33, within(0.01));
    }

    @Test
    void achievedRateReadsAsAFractionOfTheBound() {
        ThroughputBound bound = ThroughputBound.waiting(64, Duration.ofMillis(50));
        assertThat(bound.fractionOf(1246)).isCloseTo(0.973, within(0.001));
        assertThat(ThroughputBound.measured("Kafka round trip", 0).fractionOf(10)).isZero();
    }
}
