package dev.jobmesh.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.JobRoundTrip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery under faults, on the system as deployed: every service its own process, a real broker from
 * deploy/kafka.sh. Each test prints what it measured (job counts, recovery times) to target/system/faults.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryUnderFaultsIT {

    private static final Model[] MODELS = Model.values();

    private LocalSystem system;
    private JobRoundTrip kafka;
    private final List<String> killRunIds = new ArrayList<>();
    private final Map<String, String> killRunOutcomes = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        system = new LocalSystem("faults").startAll(MODELS);
        kafka = new JobRoundTrip(system.bootstrapServers());
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        system.close();
    }

    private void report(String line) throws Exception {
        Path file = Path.of(System.getProperty("jobmesh.work")).resolve("faults.txt");
        Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("[faults] " + line);
    }

    private List<String> submitBatch(String model, String type, String params, int count) {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"model\":\"").append(model)
                    .append("\",\"params\":").append(params).append('}');
        }
        ApiClient.Response response = system.api().post("/api/jobs/batch", body.append("]}").toString());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        response.body().get("ids").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    private long terminalCount(List<String> ids) {
        return ids.stream().filter(id -> kafka.history(id).stream().anyMatch(s -> s.status().isTerminal())).count();
    }

    private long runningCount(List<String> ids) {
        return ids.stream().filter(id -> kafka.history(id).stream().anyMatch(s -> s.status() == JobStatus.RUNNING)).count();
    }

    @Test
    @Order(1)
    void killedWorkersLoseNoJobAndRunNoneTwiceInTheView() throws Exception {
        // 2,000 jobs across the four models; each worker type is killed with kill -9 mid-run and restarted.
        Map<Model, String[]> work = Map.of(
                Model.THREADS, new String[]{"sleep", "{\"ms\":100}"},
                Model.VIRTUAL, new String[]{"sleep", "{\"ms\":3000}"},
                Model.PROCESSES, new String[]{"cpu", "{\"limit\":300000}"},
                Model.ASYNC, new String[]{"sleep", "{\"ms\":3000}"});
        for (Model model : MODELS) {
            // Each model's 500 jobs are sent just before its worker is killed, so the kill lands mid-run.
            List<String> ids = submitBatch(model.id(), work.get(model)[0], work.get(model)[1], 500);
            killRunIds.addAll(ids);
            await().atMost(Duration.ofSeconds(120)).until(() -> runningCount(ids) >= 20);
            long before = terminalCount(ids);
            long running = runningCount(ids) - before;
            long killedAt = System.nanoTime();
            system.worker(model).kill();
            system.startWorker(model);
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).until(() -> terminalCount(ids) > before || before == ids.size());
            report(String.format("kill -9 worker-%s with %d started and unfinished: %d/500 done before; finishing "
                            + "jobs again %.1f s after the kill (process restarted and ready in %.1f s)", model.id(),
                    running, before, (System.nanoTime() - killedAt) / 1e9, (restarted - killedAt) / 1e9));
        }

        int duplicates = 0;
        for (String id : killRunIds) {
            JsonNode job = system.api().awaitJob(id, 60_000);
            assertThat(job.get("status").asString()).as("job %s", id).isEqualTo("SUCCEEDED");
            killRunOutcomes.put(id, job.get("finishedAt").asString());
            if (kafka.terminalCount(id) > 1) {
                duplicates++;
            }
        }
        report(String.format("2000 jobs: 2000 SUCCEEDED, each once in the view; %d ran again after a kill "
                + "(their later outcomes ignored)", duplicates));
    }

    @Test
    @Order(2)
    void restartedGatewayStillReadsEveryStatus() throws Exception {
        assertThat(killRunOutcomes).hasSize(2000);
        assertThat(system.gateway().terminate()).as("gateway exit code on SIGTERM").isZero();
        long start = System.nanoTime();
        system.gateway().start();
        report(String.format("gateway restart: healthy again in %.1f s", (System.nanoTime() - start) / 1e9));
        for (var outcome : killRunOutcomes.entrySet()) {
            JsonNode job = system.api().awaitJob(outcome.getKey(), 0);
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("finishedAt").asString()).isEqualTo(outcome.getValue());
        }
        report("gateway restart: all 2000 statuses read back unchanged");
    }

    @Test
    @Order(3)
    void poisonRecordOnEveryJobsTopicIsDeadLetteredAndLaterJobsRun() throws Exception {
        for (Model model : MODELS) {
            String key = "poison-" + model.id() + "-" + UUID.randomUUID();
            kafka.sendRaw(model, key, "\u0000not a job".getBytes(StandardCharsets.UTF_8));
            String after = system.api().submit("noop", model.id(), "{}");
            assertThat(system.api().awaitJob(after, 30_000).get("status").asString()).isEqualTo("SUCCEEDED");
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterIds().contains(key));
        }
        report("poison record on each jobs topic: dead-lettered raw, the next job on each topic SUCCEEDED");
    }

    @Test
    @Order(4)
    void alwaysFailingJobRunsThreeTimesThenIsDeadLettered() throws Exception {
        for (Model model : MODELS) {
            String id = system.api().submit("http", model.id(), "{\"url\":\"http://127.0.0.1:9/\"}");
            JsonNode job = system.api().awaitJob(id, 60_000);
            assertThat(job.get("status").asString()).isEqualTo("FAILED");
            assertThat(job.get("attempts").asInt()).isEqualTo(3);
            assertThat(job.get("history")).hasSize(3);
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterIds().contains(id));
        }
        report("always-failing job: 3 attempts with back-off, then FAILED and dead-lettered with its 3 runs");
    }

    @Test
    @Order(5)
    void brokerRestartDuringSubmissionLosesNoAcceptedJob() throws Exception {
        Map<String, Boolean> accepted = new ConcurrentHashMap<>();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                ApiClient api = system.api();
                while (submitting.get()) {
                    ApiClient.Response response = api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"virtual\"}");
                    if (response.status() == 202) {
                        accepted.put(response.body().get("id").asString(), true);
                    } else if (response.status() == 503) {
                        unavailable.incrementAndGet();
                    } else {
                        unexpected.add(response.status() + " " + response.raw().body());
                    }
                }
            }));
        }
        Thread.sleep(2_000);
        int beforeStop = accepted.size();
        long stoppedAt = System.nanoTime();
        system.stopBroker();
        Thread.sleep(4_000);
        system.startBroker();
        long restartedAt = System.nanoTime();
        int atRestart = accepted.size();
        await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() > atRestart + 20);
        double firstAcceptAfter = (System.nanoTime() - restartedAt) / 1e9;
        Thread.sleep(2_000);
        submitting.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(unexpected).as("answers other than 202 and 503").isEmpty();
        for (String id : accepted.keySet()) {
            assertThat(system.api().awaitJob(id, 60_000).get("status").asString()).as("job %s", id).isEqualTo("SUCCEEDED");
        }
        report(String.format("broker stop/start during submission: %d accepted (%d before the stop), %d got 503; "
                        + "all accepted SUCCEEDED; broker down %.1f s, accepting again %.1f s after its restart",
                accepted.size(), beforeStop, unavailable.get(), (restartedAt - stoppedAt) / 1e9, firstAcceptAfter));
    }

    private List<String> deadLetterIds() {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            ApiClient.Response page = system.api().get("/api/dead-letters?limit=1000" + (after == null ? "" : "&after=" + after));
            page.body().get("deadLetters").forEach(l -> ids.add(l.get("id").asString()));
            JsonNode next = page.body().get("next");
            if (next == null || next.isNull()) {
                return ids;
            }
            after = next.asString();
        }
    }
}
