package dev.jobmesh.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.TestApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator as a user runs it - its exec jar as a process - against a whole system this test starts:
 * short runs of every workload, closed and open loop, whose report must account for every job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadgenRunIT {

    private final JsonMapper json = JsonMapper.builder().build();
    private LocalSystem system;

    @BeforeAll
    void startSystem() throws Exception {
        system = new LocalSystem("loadgen").startAll(Model.THREADS, Model.ASYNC);
    }

    @AfterAll
    void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void closedLoopRunChecksEveryJobAndReportsBoundsLatenciesAndResources() throws Exception {
        Path results = Files.createTempDirectory(Files.createDirectories(system.work()), "results-closed-");
        Run run = loadgen(results, "-m", "threads,async", "-w", "noop,sleep,http,cpu", "-n", "300", "-b", "50",
                "-c", "100", "--cpu-limit", "100000", "--round-trip-records", "20000");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = report(results);
        assertThat(report.at("/calibration/cpuSingleJobMs").asDouble()).isPositive();
        assertThat(report.at("/calibration/kafkaRoundTrip/jobsPerSecond").asDouble()).isPositive();
        JsonNode cells = report.get("cells");
        assertThat(cells).hasSize(8);
        for (JsonNode cell : cells) {
            String name = cell.get("workload").asString() + "/" + cell.get("model").asString();
            assertThat(cell.get("submitted").asLong()).as(name).isEqualTo(300);
            assertThat(cell.get("succeeded").asLong()).as(name).isEqualTo(300);
            assertThat(cell.get("errors").size()).as(name).isZero();
            assertThat(cell.get("jobsPerSecond").asDouble()).as(name).isPositive();
            assertThat(cell.at("/bound/jobsPerSecond").asDouble()).as(name).isPositive();
            assertThat(cell.at("/endToEnd/count").asLong()).as(name).isEqualTo(300);
            assertThat(cell.at("/execution/count").asLong()).as(name).isEqualTo(300);
            assertThat(cell.at("/endToEnd/p50Ms").asDouble()).as(name)
                    .isLessThanOrEqualTo(cell.at("/endToEnd/p99Ms").asDouble());
            JsonNode worker = cell.at("/resources/worker-" + cell.get("model").asString());
            assertThat(worker.get("cores").asDouble()).as(name).isPositive();
            assertThat(worker.get("peakRssBytes").asLong()).as(name).isGreaterThan(10_000_000);
            assertThat(cell.at("/resources/broker/peakRssBytes").asLong()).as(name).isPositive();
            assertThat(cell.at("/resources/loadgen/peakRssBytes").asLong()).as(name).isPositive();
        }
        JsonNode sleep = cells.get(2);
        assertThat(sleep.get("workload").asString()).isEqualTo("sleep");
        // 100 in flight, 50 ms each: the closed loop's own bound.
        assertThat(sleep.at("/bound/jobsPerSecond").asDouble()).isEqualTo(2000.0);
        assertThat(sleep.at("/execution/p50Ms").asDouble()).isGreaterThanOrEqualTo(50);

        Path directory = onlyRunDirectory(results);
        String markdown = Files.readString(directory.resolve("report.md"));
        assertThat(markdown).contains("| workload | model | jobs | jobs/s | bound | of bound |")
                .contains("| cpu | async | 300 |").contains("throughput.png");
        byte[] png = Files.readAllBytes(directory.resolve("throughput.png"));
        assertThat(png).hasSizeGreaterThan(5_000).startsWith(0x89, 'P', 'N', 'G');
        assertThat(run.output()).contains("workload  model").contains("Results: " + directory.resolve("report.md"));
    }

    @Test
    void openLoopOffersItsRateAndTimesJobsFromTheirIntendedSend() throws Exception {
        Path results = Files.createTempDirectory(Files.createDirectories(system.work()), "results-open-");
        Run run = loadgen(results, "-m", "async", "-w", "sleep", "-n", "400", "-b", "20", "--rate", "200");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode cell = report(results).get("cells").get(0);
        assertThat(cell.get("succeeded").asLong()).isEqualTo(400);
        assertThat(cell.get("load").asString()).isEqualTo("open loop, 200 jobs/s offered");
        // 400 jobs at 200/s are due over 2 s: a run that sent them faster would not be an open loop.
        assertThat(cell.get("seconds").asDouble()).isGreaterThanOrEqualTo(1.95);
        assertThat(cell.at("/bound/jobsPerSecond").asDouble()).isEqualTo(200.0);
        // A batch of 20 goes when its last job is due (95 ms after its first), then each sleeps 50 ms.
        assertThat(cell.at("/endToEnd/p50Ms").asDouble()).isGreaterThanOrEqualTo(50);
        assertThat(cell.at("/endToEnd/maxMs").asDouble()).isGreaterThanOrEqualTo(95 + 50);
    }

    @Test
    void singleJobRequestsSubmitEachJobWithItsOwnPostAndCheckEveryOutcome() throws Exception {
        Path results = Files.createTempDirectory(Files.createDirectories(system.work()), "results-single-");
        Run run = loadgen(results, "-m", "async", "-w", "noop,sleep", "-n", "200", "-c", "16", "--single",
                "--round-trip-records", "20000");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = report(results);
        assertThat(report.at("/settings/requests").asString()).isEqualTo("one job per request");
        for (JsonNode cell : report.get("cells")) {
            String name = cell.get("workload").asString();
            assertThat(cell.get("submitted").asLong()).as(name).isEqualTo(200);
            assertThat(cell.get("succeeded").asLong()).as(name).isEqualTo(200);
            assertThat(cell.get("errors").size()).as(name).isZero();
            assertThat(cell.at("/endToEnd/count").asLong()).as(name).isEqualTo(200);
        }
        assertThat(Files.readString(onlyRunDirectory(results).resolve("report.md"))).contains("one job per request");
    }

    @Test
    void badOptionsAreRefusedWithUsageAndExitCodeTwo() throws Exception {
        Run run = loadgen(Files.createTempDirectory(Files.createDirectories(system.work()), "results-bad-"), "-m", "fibers");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("unknown model 'fibers'");
    }

    private Run loadgen(Path results, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                system.jar("loadgen").toString(), "run", "--gateway", system.gatewayUrl(), "--api-key", TestApiKeys.ADMIN,
                "--kafka", system.bootstrapServers(), "--results", results.toString(),
                "--metrics", "gateway=http://127.0.0.1:" + system.gatewayManagementPort() + "/actuator/prometheus",
                "--pid", "broker=" + system.brokerPid()));
        for (Model model : List.of(Model.THREADS, Model.ASYNC)) {
            command.add("--metrics");
            command.add("worker-" + model.id() + "=http://127.0.0.1:" + system.workerPort(model) + "/actuator/prometheus");
        }
        command.addAll(List.of(options));
        Path output = Files.createDirectories(results).resolve("loadgen.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("loadgen did not finish in 3 minutes: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    private JsonNode report(Path results) throws Exception {
        return json.readTree(onlyRunDirectory(results).resolve("report.json").toFile());
    }

    private static Path onlyRunDirectory(Path results) throws Exception {
        try (var entries = Files.list(results)) {
            List<Path> directories = entries.filter(Files::isDirectory).toList();
            assertThat(directories).hasSize(1);
            return directories.getFirst();
        }
    }

    private record Run(int exitCode, String output) {
    }
}
