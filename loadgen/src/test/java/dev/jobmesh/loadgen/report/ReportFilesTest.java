package dev.jobmesh.loadgen.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jobmesh.loadgen.resources.ResourceUsage;
import dev.jobmesh.loadgen.stats.LatencySummary;
import dev.jobmesh.loadgen.stats.ThroughputBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFilesTest {

    private static final LatencySummary LATENCY = new LatencySummary(1000, 51.2, 60, 75.5, 80);

    private final RunReport report = new RunReport(Instant.parse("2026-11-25T10:15:30Z"),
            new RunReport.Machine(2, "AMD EPYC", 24_000, "Linux 6.1", "25.0.3"),
            new RunReport.Settings("http://127.0.0.1:8080", List.of("threads", "async"), List.of("sleep"),
                    "closed loop, 1000 in flight", "batches of 200", 0, 6.0, 2.0),
            new RunReport.Calibration(6.25, null),
            List.of(cell("threads", 1_250, Map.of()), cell("async", 9_000, Map.of("unfinished", 3L))));

    @Test
    void writesJsonMarkdownAndChartIntoTheRunsTimestampDirectory(@TempDir Path root) throws Exception {
        Path directory = new ReportFiles().write(report, ReportFiles.directoryFor(root, report));

        assertThat(directory).isEqualTo(root.resolve("20261125-101530"));
        JsonNode json = JsonMapper.builder().build().readTree(directory.resolve("report.json").toFile());
        assertThat(json.at("/cells/1/jobsPerSecond").asDouble()).isEqualTo(9000.0);
        assertThat(json.at("/cells/1/errors/unfinished").asLong()).isEqualTo(3);
        assertThat(json.at("/cells/0/bound/jobsPerSecond").asDouble()).isEqualTo(20_000.0);
        assertThat(json.at("/calibration/cpuSingleJobMs").asDouble()).isEqualTo(6.25);
        // 0.95 cores at 1,250 jobs/s: 760 us of the worker's CPU per job.
        assertThat(json.at("/cells/0/cpuMicrosPerJob/worker-threads").asDouble()).isCloseTo(760.0, within(0.001));

        String markdown = Files.readString(directory.resolve("report.md"));
        assertThat(markdown)
                .contains("Machine: 2 cores (AMD EPYC), 24,000 MB memory, Linux 6.1, Java 25.0.3.")
                .contains("cpu bound: one job's work takes 6.25 ms on one core")
                .contains("| sleep | threads | 1,000 | 1,250 | 20,000 | 6 % | 51 | 60 | 76 | 80 |")
                .contains("| sleep | async | 1,000 | 9,000 | 20,000 | 45 % |")
                .contains("| unfinished 3 |")
                .contains("| workload | model | gateway cores / MB | worker-threads cores / MB | worker-async cores / MB | all cores |")
                .contains("| sleep | threads | 0.30 / 1,000 | 0.95 / 250 | - | 1.25 |")
                .contains("| workload | model | gateway us/job | worker-threads us/job | worker-async us/job | all us/job |")
                .contains("| sleep | threads | 240 | 760 | - | 1,000 |");
        byte[] png = Files.readAllBytes(directory.resolve("throughput.png"));
        assertThat(png).hasSizeGreaterThan(5_000).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void terminalTableLinesUpItsColumns() {
        String[] lines = ResultTable.results(report.cells()).aligned().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("workload  model  ");
        assertThat(lines[1]).hasSameSizeAs(lines[0]);
        assertThat(lines[0].indexOf("jobs/s") + "jobs/s".length()).isEqualTo(lines[1].indexOf("1,250") + "1,250".length());
    }

    private static CellResult cell(String model, double jobsPerSecond, Map<String, Long> errors) {
        ThroughputBound bound = ThroughputBound.waiting(1000, java.time.Duration.ofMillis(50));
        return new CellResult(model, "sleep", "closed loop, 1000 in flight", 1000, 1000, errors, 1.0, jobsPerSecond,
                bound, bound.fractionOf(jobsPerSecond), LATENCY, LATENCY, LATENCY,
                resources(model));
    }

    private static Map<String, ResourceUsage> resources(String model) {
        Map<String, ResourceUsage> resources = new java.util.LinkedHashMap<>();
        resources.put("gateway", new ResourceUsage(0.3, 1000L * 1024 * 1024));
        resources.put("worker-" + model, new ResourceUsage(0.95, 250L * 1024 * 1024));
        return resources;
    }
}
