package dev.jobmesh.loadgen.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    @Test
    void coresAreCpuSecondsOverWallSecondsAndMemoryIsThePeakSeen() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        long startNanos = System.nanoTime();
        // A process that burns exactly 1.5 cores, with memory peaking on the second reading.
        ResourceProbe probe = new ResourceProbe() {
            @Override
            public String name() {
                return "busy";
            }

            @Override
            public Optional<Sample> sample() {
                int read = reads.getAndIncrement();
                return Optional.of(new Sample(1.5 * (System.nanoTime() - startNanos) / 1e9, read == 1 ? 900 : 100));
            }
        };
        ResourceProbe silent = new ResourceProbe() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public Optional<Sample> sample() {
                return Optional.empty();
            }
        };
        ResourceSampler sampler = ResourceSampler.start(List.of(probe, silent), Duration.ofMillis(50));
        Thread.sleep(400);
        Map<String, ResourceUsage> usage = sampler.finish();

        assertThat(usage).containsOnlyKeys("busy");
        assertThat(usage.get("busy").cores()).isCloseTo(1.5, within(0.05));
        assertThat(usage.get("busy").peakRssBytes()).isEqualTo(900);
    }
}
