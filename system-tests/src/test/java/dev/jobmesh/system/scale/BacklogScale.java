package dev.jobmesh.system.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.system.LocalSystem;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceProcess;
import dev.jobmesh.testsupport.TestApiKeys;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog of a million jobs (jobmesh.scale.jobs), submitted in batches while no worker runs, then drained by the
 * four models at once; then the gateway restarted on its view, and a second one started on an empty directory.
 * The system as deployed: every service its own process on its deploy/jvm options, a real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BacklogScale {

    private static final int BATCH = 10_000;
    private static final long RSS_LIMIT = 450L * 1024 * 1024;
    private static final long HEAP_LIMIT = 512L * 1024 * 1024;

    private final ScaleSettings scale = ScaleSettings.fromSystemProperties();
    private final ScaleReport report = new ScaleReport("backlog");
    private final Map<Model, List<String>> ids = new EnumMap<>(Model.class);
    private LocalSystem system;

    @BeforeAll
    void start() throws Exception {
        system = ScaleSystems.deployed("scale-backlog")
                .withGateway("jobmesh.gateway.view.directory", viewDirectory("gateway").toString());
        system.startAll();
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    private Path viewDirectory(String gateway) {
        return Path.of(System.getProperty("jobmesh.work")).resolve("scale-backlog").resolve("view-" + gateway
                + "-" + System.nanoTime());
    }

    private List<String> all() {
        return ids.values().stream().flatMap(List::stream).toList();
    }

    @Test
    @Order(1)
    void aMillionJobsBacklogDrainsWithEveryJobSucceededOnceAndTheGatewayWithinItsMemory() throws Exception {
        Metrics gatewayMetrics = new Metrics("http://127.0.0.1:" + system.gatewayManagementPort());
        Histogram reads = new Histogram(60_000_000_000L, 3);
        Histogram steadyReads = new Histogram(60_000_000_000L, 3);
        try (GatewaySampler sampler = new GatewaySampler(system.gateway().pid(), gatewayMetrics)) {
            long began = System.nanoTime();
            submitBacklog();
            long submitted = System.nanoTime();
            report.line("submitted %,d jobs in %,d batches in %.1f s (%,.0f jobs/s); gateway RSS %d MB", all().size(),
                    batches(), (submitted - began) / 1e9, all().size() / ((submitted - began) / 1e9),
                    ProcessSample.megabytes(ProcessSample.of(system.gateway().pid()).rssBytes()));

            ExecutorService probes = Executors.newSingleThreadExecutor();
            try {
                Future<?> probing = probes.submit(() -> probeReads(reads));
                Map<Model, Double> drained = drain(() -> {
                    // from the moment the last worker is up: the GETs of the drain itself, not of four JVMs starting
                    probing.cancel(true);
                    return probes.submit(() -> probeReads(steadyReads));
                });
                drained.forEach((model, seconds) -> report.line("%s drained %,d jobs in %.1f s (%,.0f jobs/s)",
                        model.id(), ids.get(model).size(), seconds, ids.get(model).size() / seconds));
            } finally {
                // a probe reads until interrupted, and a failed drain must not leave close() waiting on it for ever
                probes.shutdownNow();
                probes.close();
            }
            report.line("GET /api/jobs/{id} while the workers started: %,d reads, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    reads.getTotalCount(), reads.getValueAtPercentile(50) / 1e6, reads.getValueAtPercentile(99) / 1e6,
                    reads.getMaxValue() / 1e6);
            report.line("GET /api/jobs/{id} while the backlog drained: %,d reads, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    steadyReads.getTotalCount(), steadyReads.getValueAtPercentile(50) / 1e6,
                    steadyReads.getValueAtPercentile(99) / 1e6, steadyReads.getMaxValue() / 1e6);
            report.line("gateway peak RSS %d MB, peak heap used %d MB", ProcessSample.megabytes(sampler.maxRssBytes()),
                    ProcessSample.megabytes(sampler.maxHeapBytes()));

            Map<String, String> jobs = JobLedger.read(system.api(), all(), Duration.ofSeconds(30));
            // the check below covers this read-back of every job too, which can raise the peak
            report.line("gateway peak RSS %d MB, peak heap used %d MB, every job read back as well",
                    ProcessSample.megabytes(sampler.maxRssBytes()), ProcessSample.megabytes(sampler.maxHeapBytes()));
            assertThat(JobLedger.statusCounts(all(), jobs)).as("every job's status").isEqualTo(
                    Map.of("SUCCEEDED", (long) all().size()));
            assertThat(gatewayMetrics.sum("jobmesh_status_duplicate_outcomes_total"))
                    .as("outcomes of a job after its first").isZero();
            assertThat(sampler.maxRssBytes()).as("gateway RSS").isLessThan(RSS_LIMIT);
            assertThat(sampler.maxHeapBytes()).as("gateway heap").isPositive().isLessThan(HEAP_LIMIT);
            assertThat(steadyReads.getValueAtPercentile(99)).as("GET p99 (ns) while draining").isLessThan(50_000_000L);
        }
    }

    private void submitBacklog() throws Exception {
        Model[] models = Model.values();
        for (Model model : models) {
            ids.put(model, new ArrayList<>());
        }
        int batches = batches();
        try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                Model model = models[b % models.length];
                int size = (int) (scale.jobs() / batches + (b < scale.jobs() % batches ? 1 : 0));
                sent.add(senders.submit(() -> submitBatch(model, size)));
            }
            for (int b = 0; b < batches; b++) {
                ids.get(models[b % models.length]).addAll(sent.get(b).get());
            }
        }
    }

    /** Batches of at most BATCH jobs, and at least one for each model, whose drain the suite times. */
    private int batches() {
        return Math.max(Model.values().length, (int) Math.ceil((double) scale.jobs() / BATCH));
    }

    private List<String> submitBatch(Model model, int size) {
        String job = "{\"type\":\"noop\",\"model\":\"" + model.id() + "\"}";
        String body = "{\"jobs\":[" + String.join(",", Collections.nCopies(size, job)) + "]}";
        ApiClient.Response response = system.api().post("/api/jobs/batch", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
        List<String> accepted = new ArrayList<>(size);
        response.body().get("ids").forEach(id -> accepted.add(id.asString()));
        return accepted;
    }

    /**
     * Starts every worker and answers, per model, the seconds from its worker's start to its last job done;
     * {@code allUp} runs once every worker is up.
     */
    private Map<Model, Double> drain(Callable<Future<?>> allUp) throws Exception {
        Map<Model, Long> started = new EnumMap<>(Model.class);
        Map<Model, Double> drained = new EnumMap<>(Model.class);
        for (Model model : Model.values()) {
            started.put(model, System.nanoTime());
            system.startWorker(model);
        }
        Future<?> probing = allUp.call();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (drained.size() < started.size() && System.nanoTime() < deadline) {
            for (Model model : Model.values()) {
                if (drained.containsKey(model)) {
                    continue;
                }
                Metrics worker = new Metrics("http://127.0.0.1:" + system.workerPort(model));
                double done = worker.sum("jobs_completed_total", "model=\"" + model.id() + "\"", "outcome=\"succeeded\"");
                if (done >= ids.get(model).size()) {
                    drained.put(model, (System.nanoTime() - started.get(model)) / 1e9);
                }
            }
            Thread.sleep(500);
        }
        probing.cancel(true);
        assertThat(drained).as("models whose backlog drained within 30 minutes").hasSize(Model.values().length);
        return drained;
    }

    /** Reads random jobs of the backlog one by one, as a dashboard or a client polling would, timing each. */
    private void probeReads(Histogram latencies) {
        HttpClient http = HttpClient.newHttpClient();
        List<String> all = all();
        while (!Thread.currentThread().isInterrupted()) {
            String id = all.get(ThreadLocalRandom.current().nextInt(all.size()));
            long began = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(system.gatewayUrl()
                        + "/api/jobs/" + id)).header("Authorization", "Bearer " + TestApiKeys.ADMIN).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    latencies.recordValue(System.nanoTime() - began);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                latencies.recordValue(Math.min(latencies.getHighestTrackableValue(), System.nanoTime() - began));
            }
        }
    }

    @Test
    @Order(2)
    void aGatewayRestartedOnItsViewIsReadyWithinTenSeconds() throws Exception {
        ServiceProcess gateway = system.gateway();
        assertThat(gateway.terminate()).isZero();
        long began = System.nanoTime();
        gateway.start(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - began) / 1e9;
        report.line("gateway restarted on its view of %,d jobs: ready in %.1f s, JVM start included", all().size(), seconds);
        assertThat(seconds).as("seconds to ready").isLessThanOrEqualTo(10.0);
        String last = ids.get(Model.ASYNC).getLast();
        assertThat(system.api().get("/api/jobs/" + last).body().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(3)
    void aSecondGatewayOnAnEmptyDirectoryJoinsWithinTwentySecondsKnowingEveryJob() throws Exception {
        long began = System.nanoTime();
        ServiceProcess second = system.startGateway("gateway-2",
                Map.of("jobmesh.gateway.view.directory", viewDirectory("gateway-2").toString()));
        double seconds = (System.nanoTime() - began) / 1e9;
        report.line("second gateway on an empty directory: ready in %.1f s, JVM start included", seconds);
        ApiClient other = new ApiClient(LocalSystem.apiUrlOf(second));
        Map<String, String> there = JobLedger.read(other, all(), Duration.ZERO);
        Map<String, String> here = JobLedger.read(system.api(), all(), Duration.ZERO);
        assertThat(JobLedger.statusCounts(all(), there)).as("every job on the second gateway")
                .isEqualTo(Map.of("SUCCEEDED", (long) all().size()));
        assertThat(JobLedger.disagreements(all(), here, there)).as("jobs whose outcome differs between the gateways").isEmpty();
        assertThat(seconds).as("seconds to ready").isLessThanOrEqualTo(20.0);
    }
}
