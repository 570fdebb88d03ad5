package dev.jobmesh.core.metrics;

import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.workload.CpuWorkload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreeCpuMetricsTest {

    @Test
    void countsTheCpuOfThisProcessAndOfChildrenItStarted() throws Exception {
        ProcessTreeCpuMetrics metrics = new ProcessTreeCpuMetrics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        double before = registry.get(ProcessTreeCpuMetrics.CPU_TIME).functionCounter().count();
        assertThat(before).isPositive();

        CpuWorkload.countPrimes(3_000_000);
        // A child that burns CPU and exits: its time must not vanish from the total once it is reaped.
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        double after = registry.get(ProcessTreeCpuMetrics.CPU_TIME).functionCounter().count();
        assertThat(after).isGreaterThan(before + 0.1);
    }
}
