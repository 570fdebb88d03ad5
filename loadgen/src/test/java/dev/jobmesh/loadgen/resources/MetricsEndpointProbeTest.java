package dev.jobmesh.loadgen.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsEndpointProbeTest {

    @Test
    void readsTreeCpuAndRssFromPrometheusText() {
        String exposition = """
                # HELP process_tree_cpu_time_seconds_total CPU time of the process and its children
                # TYPE process_tree_cpu_time_seconds_total counter
                process_tree_cpu_time_seconds_total{application="worker-processes"} 12.5
                process_cpu_time_seconds_total{application="worker-processes"} 3.0
                process_memory_rss_bytes{application="worker-processes"} 4.99867648E8
                """;
        assertThat(MetricsEndpointProbe.parse(exposition))
                .contains(new ResourceProbe.Sample(12.5, 499_867_648L));
        assertThat(MetricsEndpointProbe.parse("process_tree_cpu_time_seconds_total 1.0\nprocess_memory_rss_bytes 2048\n"))
                .contains(new ResourceProbe.Sample(1.0, 2048));
    }

    @Test
    void asksTheEndpointForTheTwoMetersAlone() {
        assertThat(MetricsEndpointProbe.onlyWhatItReads(java.net.URI.create("http://127.0.0.1:8081/actuator/prometheus")))
                .hasToString("http://127.0.0.1:8081/actuator/prometheus"
                        + "?includedNames=process_tree_cpu_time_seconds,process_memory_rss_bytes");
        assertThat(MetricsEndpointProbe.onlyWhatItReads(java.net.URI.create("http://h:1/metrics?x=1")))
                .hasToString("http://h:1/metrics?x=1");
    }

    @Test
    void serviceWithoutTheMetersGivesNoSample() {
        assertThat(MetricsEndpointProbe.parse("jvm_memory_used_bytes 1.0\n")).isEmpty();
    }

    @Test
    void procProbeReadsThisProcess() {
        ResourceProbe.Sample sample = ProcProbe.self("loadgen").sample().orElseThrow();
        assertThat(sample.rssBytes()).isGreaterThan(10_000_000);
        assertThat(sample.cpuSeconds()).isPositive();
        assertThat(new ProcProbe("gone", Long.MAX_VALUE).sample()).isEmpty();
    }
}
