package dev.jobmesh.core.outcome;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExponentialBackOffTest {

    private final BackOff exact = new ExponentialBackOff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), 0.0);

    @Test
    void waitGrowsPerFailureUpToTheCap() {
        assertThat(exact.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(exact.delay(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(exact.delay(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(exact.delay(4)).isEqualTo(Duration.ofMillis(3000));
        assertThat(exact.delay(40)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        BackOff jittered = new ExponentialBackOff(Duration.ofMillis(1000), 2.0, Duration.ofSeconds(30), 0.2);
        for (int i = 0; i < 200; i++) {
            assertThat(jittered.delay(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        }
    }

    @Test
    void refusesAShrinkingOrInvertedBackOff() {
        assertThatThrownBy(() -> new ExponentialBackOff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(3), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackOff(Duration.ofSeconds(5), 2, Duration.ofSeconds(3), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackOff(Duration.ofSeconds(1), 2, Duration.ofSeconds(3), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
