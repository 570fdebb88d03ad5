package dev.jobmesh.system.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.target.HttpTarget;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Model auto against real workers: it goes only where a worker consumes, follows the cold-start rules with no
 * figures, moves away from a model made slow, and splits a batch across models as each job's routing says.
 * Each test runs on a broker of its own, so no figures carry over from another test's jobs.
 */
class AutoRoutingIT {

    private TestKafka kafka;
    private HttpTarget target;
    private Map<String, String> common;
    private final List<TestService> services = new ArrayList<>();

    @BeforeEach
    void start() {
        kafka = TestKafka.privateBroker();
        target = HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(50), 1);
        common = ServiceSettings.common(kafka.bootstrapServers(), target.url());
        common.put("jobmesh.gateway.routing.probe-interval", "300ms");
        common.put("jobmesh.gateway.routing.min-samples", "10");
    }

    @AfterEach
    void stop() {
        services.reversed().forEach(TestService::close);
        target.close();
        kafka.close();
    }

    @Test
    void withNoModelConsumingAnAutoJobIsRefusedAndNothingWritten() throws Exception {
        ApiClient api = gateway(Map.of()).api();
        ApiClient.Response refused = api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"auto\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("type").asString()).isEqualTo("/problems/no-ready-model");
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("model");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(kafka.endOffsets(List.of("jobs.threads", "jobs.virtual", "jobs.processes", "jobs.async")).values())
                .as("records on the job topics").allMatch(offset -> offset == 0);
        JsonNode models = api.get("/api/models").body().get("models");
        assertThat(models).allMatch(model -> !model.get("ready").asBoolean());
    }

    @Test
    void withNoFiguresYetTheColdStartRulesDecide() {
        ApiClient api = gateway(Map.of("jobmesh.gateway.routing.explore-share", "0")).api();
        threadsVirtualAndAsync(api);

        Map<String, String> expected = Map.of("cpu", "threads", "sleep", "async", "http", "async", "noop", "async");
        expected.forEach((type, model) -> {
            JsonNode job = api.awaitJob(api.submit(type, "auto", "{}"), 30_000);
            assertThat(job.get("status").asString()).as(type).isEqualTo("SUCCEEDED");
            assertThat(job.get("model").asString()).as(type).isEqualTo(model);
            assertThat(job.get("routing").get("model").asString()).as(type).isEqualTo(model);
            assertThat(job.get("routing").get("reason").asString()).as(type).isEqualTo("cold-start");
            assertThat(job.get("worker").asString()).as("the worker that ran the %s job", type).startsWith(model);
        });
    }

    @Test
    void autoNeverRoutesToAModelWhoseWorkersStopped() {
        // half the decisions explore: every ready model gets jobs, so a stopped one would too if it were chosen
        ApiClient api = gateway(Map.of("jobmesh.gateway.routing.explore-share", "0.5")).api();
        threadsVirtualAndAsync(api);
        TestService threads = services.get(1); // started right after the gateway
        threads.close();
        services.remove(threads);
        await().atMost(Duration.ofSeconds(30)).until(() -> !ready(api).getOrDefault("threads", true));

        List<String> ids = new ArrayList<>();
        for (String type : List.of("noop", "sleep", "http", "cpu")) {
            for (int batch = 0; batch < 3; batch++) {
                ids.addAll(submitBatch(api, type, 50, "{}"));
            }
        }
        Map<String, Integer> where = new TreeMap<>();
        for (JsonNode job : awaitAll(api, ids)) {
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("routing").get("model").asString()).isEqualTo(job.get("model").asString());
            where.merge(job.get("model").asString(), 1, Integer::sum);
        }
        assertThat(where).as("jobs per model").containsOnlyKeys("virtual", "async");
        assertThat(where.values()).as("both ready models got jobs").allMatch(count -> count > 0);
    }

    @Test
    void sleepJobsBeyondWhatAModelMadeSlowRunsMoveAwayFromIt() {
        ApiClient api = gateway(Map.of("jobmesh.gateway.routing.explore-share", "0.05")).api();
        TestService threads = worker(Model.THREADS, Map.of());
        awaitReady(api, Model.THREADS);
        // threads is the only model: it takes every sleep job, and its figures show 50 ms runs and no backlog
        awaitAll(api, submitBatch(api, "sleep", 40, "{\"ms\":50}"));

        // now it keeps its good figures but runs two jobs at once; virtual threads join with no figures at all
        threads.close();
        services.remove(threads);
        worker(Model.THREADS, Map.of("jobmesh.threads.pool-size", "2"));
        worker(Model.VIRTUAL, Map.of());
        awaitReady(api, Model.THREADS, Model.VIRTUAL);

        long began = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 60; round++) {
            ids.addAll(submitBatch(api, "sleep", 20, "{\"ms\":50}"));
            sleep(200);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<JsonNode> jobs = awaitAll(api, ids);
        List<String> models = jobs.stream().map(job -> job.get("routing").get("model").asString()).toList();
        List<String> early = models.subList(0, 40);
        // virtual threads first need figures (explored jobs) before auto can compare: the last third is judged
        List<JsonNode> lateJobs = jobs.subList(jobs.size() * 2 / 3, jobs.size());
        List<String> late = models.subList(models.size() * 2 / 3, models.size());
        assertThat(share(early, "threads")).as("share of the first auto jobs sent to threads, which had the only "
                + "figures").isGreaterThan(0.5);
        // 100 jobs/s offered; threads now runs 40/s (2 at a time, 50 ms each): sent them all, they would queue for
        // seconds. It keeps what it runs without a queue - no more than its share - and the rest goes to virtual.
        assertThat(share(late, "threads")).as("share of the last third sent to threads, which runs 40 of the "
                + "100 jobs/s").isLessThan(0.45);
        assertThat(percentile(lateJobs, 0.9)).as("p90 ms from submission to finish of the last third")
                .isLessThan(1000);
        assertThat(seconds).as("seconds the auto jobs were sent over, within the 60 s window").isLessThan(60);
        assertThat(jobs).allMatch(job -> job.get("status").asString().equals("SUCCEEDED"));
    }

    @Test
    void aBatchOfAutoJobsIsSplitAcrossModelsAsEachJobsRoutingSays() {
        ApiClient api = gateway(Map.of("jobmesh.gateway.routing.explore-share", "0")).api();
        threadsVirtualAndAsync(api);
        List<String> warmUp = new ArrayList<>();
        for (String model : List.of("threads", "virtual", "async")) {
            warmUp.addAll(submitBatch(api, "noop", 100, "{}", model));
        }
        awaitAll(api, warmUp);
        JsonNode figures = api.get("/api/models").body();
        assertThat(figures.get("windowSeconds").asInt()).isEqualTo(60);

        List<JsonNode> jobs = awaitAll(api, submitBatch(api, "noop", 1000, "{}"));
        Map<String, Integer> split = new TreeMap<>();
        for (JsonNode job : jobs) {
            JsonNode routing = job.get("routing");
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(routing.get("reason").asString()).isIn("fastest", "preferred");
            assertThat(routing.get("estimates").propertyNames()).as("every ready model estimated")
                    .containsExactlyInAnyOrder("threads", "virtual", "async");
            String model = routing.get("model").asString();
            assertThat(job.get("model").asString()).isEqualTo(model);
            assertThat(job.get("worker").asString()).as("the worker that ran it").startsWith(model);
            split.merge(model, 1, Integer::sum);
        }
        assertThat(split.size()).as("models the batch was split across: " + split).isGreaterThanOrEqualTo(2);
    }

    private TestService gateway(Map<String, String> own) {
        Map<String, String> settings = new HashMap<>(common);
        settings.putAll(own);
        TestService gateway = InProcessSystem.gateway(settings);
        services.add(gateway);
        return gateway;
    }

    private TestService worker(Model model, Map<String, String> own) {
        Map<String, String> settings = new HashMap<>(common);
        settings.putAll(own);
        TestService worker = InProcessSystem.worker(settings, model);
        services.add(worker);
        return worker;
    }

    /** A worker of each model this test system can run in-process (not processes), each in its group. */
    private void threadsVirtualAndAsync(ApiClient api) {
        worker(Model.THREADS, Map.of());
        worker(Model.VIRTUAL, Map.of());
        worker(Model.ASYNC, Map.of());
        awaitReady(api, Model.THREADS, Model.VIRTUAL, Model.ASYNC);
    }

    private static void awaitReady(ApiClient api, Model... models) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Boolean> ready = ready(api);
            for (Model model : models) {
                if (!ready.getOrDefault(model.id(), false)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static Map<String, Boolean> ready(ApiClient api) {
        Map<String, Boolean> ready = new HashMap<>();
        api.get("/api/models").body().get("models")
                .forEach(model -> ready.put(model.get("model").asString(), model.get("ready").asBoolean()));
        return ready;
    }

    private static List<String> submitBatch(ApiClient api, String type, int size, String params) {
        return submitBatch(api, type, size, params, "auto");
    }

    private static List<String> submitBatch(ApiClient api, String type, int size, String params, String model) {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"model\":\"").append(model)
                    .append("\",\"params\":").append(params).append('}');
        }
        ApiClient.Response accepted = api.post("/api/jobs/batch", body.append("]}").toString());
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        accepted.body().get("ids").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    /** Every job, finished, in the order of the ids. */
    private static List<JsonNode> awaitAll(ApiClient api, List<String> ids) {
        List<JsonNode> jobs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            StringBuilder query = new StringBuilder("{\"ids\":[");
            for (int i = 0; i < part.size(); i++) {
                query.append(i == 0 ? "" : ",").append('"').append(part.get(i)).append('"');
            }
            ApiClient.Response page = api.post("/api/jobs/statuses?waitMs=60000", query.append("]}").toString());
            assertThat(page.status()).isEqualTo(200);
            page.body().get("jobs").forEach(jobs::add);
        }
        assertThat(jobs).hasSize(ids.size());
        return jobs;
    }

    /** The given percentile of the jobs' times from submission to finish, in ms. */
    private static long percentile(List<JsonNode> jobs, double percentile) {
        List<Long> millis = jobs.stream().map(job -> Duration.between(
                Instant.parse(job.get("submittedAt").asString()),
                Instant.parse(job.get("finishedAt").asString())).toMillis()).sorted().toList();
        return millis.get((int) Math.min(millis.size() - 1, Math.floor(percentile * millis.size())));
    }

    private static double share(List<String> models, String model) {
        return models.stream().filter(model::equals).count() / (double) models.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
