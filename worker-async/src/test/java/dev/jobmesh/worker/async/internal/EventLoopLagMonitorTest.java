package dev.jobmesh.worker.async.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventLoopLagMonitorTest {

    private final EventLoops loops = new EventLoops(2);
    private final EventLoopLagMonitor monitor = new EventLoopLagMonitor(loops, Duration.ofMillis(20));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void tearDown() {
        monitor.close();
        loops.close();
    }

    @Test
    void lagOfABlockedLoopIsAtLeastHowLongItWasBlocked() {
        monitor.bindTo(registry);
        Timer first = registry.get(EventLoopLagMonitor.METER).tag("loop", "0").timer();
        Timer second = registry.get(EventLoopLagMonitor.METER).tag("loop", "1").timer();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.count() >= 5 && second.count() >= 5);

        loops.all().getFirst().execute(() -> sleep(Duration.ofMillis(400)));
        long samplesBefore = first.count();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.count() > samplesBefore + 2);

        assertThat(first.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
        // The other loop was never blocked: its timers stay far from the blocked one's lag.
        assertThat(second.max(TimeUnit.MILLISECONDS)).isLessThan(first.max(TimeUnit.MILLISECONDS) / 2);
    }

    @Test
    void closedMonitorStopsSampling() throws Exception {
        monitor.bindTo(registry);
        Timer lag = registry.get(EventLoopLagMonitor.METER).tag("loop", "0").timer();
        await().atMost(Duration.ofSeconds(10)).until(() -> lag.count() >= 2);

        monitor.close();
        Thread.sleep(60); // a sample already running may still land
        long samples = lag.count();
        Thread.sleep(200);

        assertThat(lag.count()).isEqualTo(samples);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
