package dev.jobmesh.system.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.system.LocalSystem;
import dev.jobmesh.testsupport.ServiceProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Half the matrix's rate of mixed load - every workload on every model - for jobmesh.scale.soak (30 minutes). In the
 * minute from a sixth of the way (minute 5) and in the last minute each service is measured six times, each after a
 * full GC: resident memory, heap in use, threads, file descriptors, each the median of its six; and the disk the job
 * view, the children's cache and the topics take. The end must be within 10 % of minute 5 for memory, threads and
 * descriptors; the children's cache may not change, and the view and jobs.status (which hold the last two minutes of
 * jobs) may not grow in the last third over the middle one.
 * Every accepted job has one outcome and no request failed: a 503 (Kafka slower than the gateway's timeout) is
 * offered again with its Idempotency-Key, as clients are asked to, and counted in the figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoakScale {

    /**
     * A finished job leaves the view after this. Shorter than the five minutes before the first measurement, so the
     * view is measured at its steady size, sweeping as it fills: at five minutes the first sweep came after minute 5,
     * and the memory it uses (RocksDB's memtables and cache, up to their 48 MB) counted as growth.
     */
    private static final Duration STATUS_RETENTION = Duration.ofMinutes(2);
    /**
     * Measurements per service in each window, a median taken: the gateway's RSS swings by 30-50 MB within a minute as
     * RocksDB's memtables fill and flush, and one sample at a high point against one at a low point is not growth.
     */
    private static final int SAMPLES = 6;
    private static final double GROWTH = 1.10;
    /** How long a batch answered 503 is offered again, as the API asks a client to (Retry-After). */
    private static final Duration RETRY_BUSY_FOR = Duration.ofSeconds(30);
    /** Heaps after GC are tens of MB: below this a 10 % change is noise, not a leak. */
    private static final long HEAP_FLOOR = 8L * 1024 * 1024;
    /**
     * Descriptors are a few dozen, and pooled keep-alive connections (to the http workload's target, to Kafka) come
     * and go by a few: worker-virtual went 58 -> 66 in a soak whose other workers fell. A leak at the soak's rate
     * would be thousands.
     */
    private static final int FD_FLOOR = 16;

    private final ScaleSettings scale = ScaleSettings.fromSystemProperties();
    private final ScaleReport report = new ScaleReport("soak");
    private final Path work = Path.of(System.getProperty("jobmesh.work")).resolve("scale-soak");
    private final Path view = work.resolve("view");
    private final Path childCache = work.resolve("child-cache");
    private LocalSystem system;

    @BeforeAll
    void start() throws Exception {
        system = ScaleSystems.deployed("scale-soak")
                .with("jobmesh.kafka.status-retention", STATUS_RETENTION.toMinutes() + "m")
                .with("jobmesh.processes.work-directory", childCache.toString())
                .withGateway("jobmesh.gateway.view.directory", view.toString());
        system.startAll(Model.values());
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    /** One measurement of a service. */
    private record Sample(long rss, long heapAfterGc, int threads, int fds) {
    }

    private Map<String, ServiceProcess> services() {
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        services.put("gateway", system.gateway());
        for (Model model : Model.values()) {
            services.put("worker-" + model.id(), system.worker(model));
        }
        return services;
    }

    private String managementUrl(String service) {
        return service.equals("gateway") ? "http://127.0.0.1:" + system.gatewayManagementPort()
                : "http://127.0.0.1:" + system.workerPort(Model.fromId(service.substring("worker-".length())).orElseThrow());
    }

    private Map<String, Sample> measure() throws Exception {
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (var service : services().entrySet()) {
            long pid = service.getValue().pid();
            runGc(pid);
            Metrics metrics = new Metrics(managementUrl(service.getKey()));
            // the process model's memory is the supervisor's and its children's; its heap and threads the supervisor's
            ProcessSample tree = ProcessSample.ofTree(pid);
            ProcessSample own = ProcessSample.of(pid);
            samples.put(service.getKey(), new Sample(tree.rssBytes(), (long) metrics.heapUsed(), own.threads(),
                    own.fileDescriptors()));
        }
        return samples;
    }

    /** {@link #SAMPLES} measurements over {@code window}: for each service, the median of each figure. */
    private Map<String, Sample> measureOver(Duration window) throws Exception {
        Map<String, List<Sample>> all = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < SAMPLES; i++) {
            long due = start + window.toNanos() * i / SAMPLES;
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
            measure().forEach((service, sample) -> all.computeIfAbsent(service, s -> new ArrayList<>()).add(sample));
        }
        Map<String, Sample> medians = new LinkedHashMap<>();
        all.forEach((service, samples) -> medians.put(service, new Sample(median(samples, Sample::rss),
                median(samples, Sample::heapAfterGc), (int) median(samples, Sample::threads),
                (int) median(samples, Sample::fds))));
        return medians;
    }

    private static long median(List<Sample> samples, ToLongFunction<Sample> figure) {
        long[] values = samples.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** A full GC in the service (jcmd, from this JDK), so heap in use is what is live. */
    private static void runGc(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Thread.sleep(500);
    }

    private Map<String, Long> disk() throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("view", size(view));
        sizes.put("child cache", size(childCache));
        for (String topic : List.of("jobs.status", "jobs.control", "jobs.dlt", "jobs.threads", "jobs.virtual",
                "jobs.processes", "jobs.async")) {
            long total = 0;
            try (Stream<Path> partitions = Files.list(system.kafkaData().resolve("data"))) {
                for (Path partition : partitions.filter(p -> p.getFileName().toString().startsWith(topic + "-")).toList()) {
                    total += size(partition);
                }
            } catch (IOException e) {
                // no such directory layout: counted as 0
            }
            sizes.put(topic, total);
        }
        return sizes;
    }

    private static long size(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void reportSamples(String when, Map<String, Sample> samples, Map<String, Long> disk) {
        samples.forEach((service, s) -> report.line("%s %s: RSS %d MB, heap after GC %d MB, threads %d, fds %d", when,
                service, ProcessSample.megabytes(s.rss()), ProcessSample.megabytes(s.heapAfterGc()), s.threads(), s.fds()));
        disk.forEach((what, bytes) -> report.line("%s disk %s: %d MB", when, what, ProcessSample.megabytes(bytes)));
    }

    @Test
    void halfTheMatrixRateForHalfAnHourHoldsMemoryThreadsAndDiskSteadyAndLosesNothing() throws Exception {
        JobLedger ledger = JobLedger.counting();
        double rate = scale.matrixRate() / 2.0;
        Duration baselineAt = scale.soak().dividedBy(6);
        Duration window = scale.soak().dividedBy(30);
        Map<String, Sample> baseline;
        Map<String, Sample> end;
        Map<String, Long> diskBaseline;
        Map<String, Long> diskEnd;
        List<Long> views = new ArrayList<>();
        List<Long> statuses = new ArrayList<>();
        Map<String, Long> answers;
        List<String> errors;
        try (MixedLoad load = new MixedLoad(List.of(system.gatewayUrl()), ledger, rate, RETRY_BUSY_FOR).start()) {
            long began = System.nanoTime();
            Thread.sleep(baselineAt.toMillis());
            baseline = measureOver(window);
            diskBaseline = disk();
            String medians = "medians of " + SAMPLES + " over " + window.toSeconds() + " s";
            reportSamples("at " + baselineAt.toMinutes() + " min (" + medians + ")", baseline, diskBaseline);
            report.line("after %d min: %,d jobs accepted, answers %s", baselineAt.toMinutes(), ledger.count(), load.answers());
            long endWindowAt = scale.soak().minus(window).toNanos();
            long left = endWindowAt - (System.nanoTime() - began);
            while (left > 0) {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 60_000));
                left = endWindowAt - (System.nanoTime() - began);
                Map<String, Long> now = disk();
                views.add(now.get("view"));
                statuses.add(now.get("jobs.status"));
                report.line("%.1f min: %,d jobs accepted, answers %s; view %d MB, jobs.status %d MB",
                        (System.nanoTime() - began) / 60e9, ledger.count(), load.answers(),
                        ProcessSample.megabytes(now.get("view")), ProcessSample.megabytes(now.get("jobs.status")));
            }
            end = measureOver(window);
            diskEnd = disk();
            reportSamples("at the end (" + scale.soak().toMinutes() + " min, " + medians + ")", end, diskEnd);
            answers = load.answers();
            errors = load.errors();
        }

        long accepted = ledger.count();
        double outcomes = awaitOutcomes(accepted);
        double duplicates = new Metrics("http://127.0.0.1:" + system.gatewayManagementPort())
                .sum("jobmesh_status_duplicate_outcomes_total");
        report.line("%,d jobs accepted at %.0f jobs/s offered; answers %s; %,.0f outcomes; %,.0f later duplicates ignored",
                accepted, rate, answers, outcomes, duplicates);

        // every check is made and reported, not only the first that fails
        SoftAssertions checks = new SoftAssertions();
        checks.assertThat(errors).as("answers other than 200, 202 or 503, 503s past their retries, requests past "
                + "their timeout").isEmpty();
        checks.assertThat(answers.keySet()).as("answers").isSubsetOf("202", "200", "503", "503 offered again");
        checks.assertThat(outcomes).as("one outcome per accepted job").isEqualTo((double) accepted);
        checks.assertThat(duplicates).as("later duplicate outcomes").isZero();
        for (String service : baseline.keySet()) {
            Sample from = baseline.get(service);
            Sample to = end.get(service);
            checks.assertThat(to.rss()).as("%s RSS", service).isLessThanOrEqualTo((long) (from.rss() * GROWTH));
            checks.assertThat(to.heapAfterGc()).as("%s heap after GC", service)
                    .isLessThanOrEqualTo(Math.max((long) (from.heapAfterGc() * GROWTH), from.heapAfterGc() + HEAP_FLOOR));
            checks.assertThat(to.threads()).as("%s threads", service).isLessThanOrEqualTo((int) (from.threads() * GROWTH));
            checks.assertThat(to.fds()).as("%s file descriptors", service)
                    .isLessThanOrEqualTo(Math.max((int) (from.fds() * GROWTH), from.fds() + FD_FLOOR));
        }
        checks.assertThat(diskEnd.get("child cache")).as("the children's cache").isEqualTo(diskBaseline.get("child cache"));
        // the view and jobs.status hold the last STATUS_RETENTION of jobs (and its tombstones as long) and shrink as
        // compactions run: the last third's median may be no higher than the middle third's. Medians, not highest
        // samples: a compaction writes its output before it deletes its input, and one sample caught the view at
        // 131 MB in a soak where it otherwise stayed at 81-97 MB.
        checks.assertThat(medianOf(views, 2)).as("the job view's directory, last third against middle third (bytes)")
                .isLessThanOrEqualTo((long) (medianOf(views, 1) * GROWTH));
        checks.assertThat(medianOf(statuses, 2)).as("jobs.status on disk, last third against middle third (bytes)")
                .isLessThanOrEqualTo((long) (medianOf(statuses, 1) * GROWTH));
        checks.assertAll();
    }

    /** The median of the samples in one third (0, 1, 2) of the list. */
    private static long medianOf(List<Long> samples, int third) {
        int size = samples.size();
        List<Long> sorted = samples.subList(size * third / 3, Math.max(size * third / 3 + 1, size * (third + 1) / 3))
                .stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Outcomes the workers counted (succeeded, failed, cancelled: not retries) once they stop growing. */
    private double awaitOutcomes(long expected) throws Exception {
        double outcomes = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            outcomes = 0;
            for (Model model : Model.values()) {
                Metrics worker = new Metrics("http://127.0.0.1:" + system.workerPort(model));
                String text = worker.scrape("jobs_completed_total");
                for (String outcome : List.of("succeeded", "failed", "cancelled")) {
                    outcomes += Metrics.sumOf(text, "jobs_completed_total", "outcome=\"" + outcome + "\"");
                }
            }
            if (outcomes >= expected) {
                return outcomes;
            }
            Thread.sleep(2_000);
        }
        return outcomes;
    }
}
