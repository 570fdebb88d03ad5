package dev.jobmesh.system.journey;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A repeated Idempotency-Key returns the original job, on any gateway instance, and writes nothing new. */
class IdempotencyIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private static ApiClient.Response post(ApiClient api, String path, String key, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long jobsWritten(Model model) throws Exception {
        return system.get().kafka().endOffsets(List.of(JobTopics.jobs(model))).get(JobTopics.jobs(model));
    }

    @Test
    void repeatedKeyReturnsTheOriginalJobOnEveryInstance() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String body = "{\"type\":\"sleep\",\"model\":\"virtual\",\"params\":{\"ms\":20}}";
        ApiClient api = system.get().api();

        ApiClient.Response first = post(api, "/api/jobs", key, body);
        assertThat(first.status()).isEqualTo(202);
        String id = first.body().get("id").asString();
        long afterFirst = jobsWritten(Model.VIRTUAL);

        ApiClient.Response repeat = post(api, "/api/jobs", key, body);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.body().get("id").asString()).isEqualTo(id);
        assertThat(repeat.header("Location")).isEqualTo("/api/jobs/" + id);

        try (TestService other = InProcessSystem.gateway(system.get().settings())) {
            ApiClient second = other.api();
            ApiClient.Response elsewhere = post(second, "/api/jobs", key, body);
            assertThat(elsewhere.status()).isEqualTo(200);
            assertThat(elsewhere.body().get("id").asString()).isEqualTo(id);
        }
        assertThat(api.awaitJob(id, 30_000).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jobsWritten(Model.VIRTUAL)).as("end of jobs.virtual after the repeats").isEqualTo(afterFirst);
    }

    /**
     * Two first requests with one key at the same instant, on two instances, may both find the key unused and both
     * write the job: the race is not closed. Its effect is bounded: the key fixes the job's id, so both callers get
     * the same id, and the view keeps a job's first outcome only (OutcomeGuard), so the job has one outcome
     * whichever run ends first - the same on every instance.
     */
    @Test
    void simultaneousFirstRequestsOnTwoInstancesGetOneJobIdAndOneOutcome() throws Exception {
        String body = "{\"type\":\"sleep\",\"model\":\"async\",\"params\":{\"ms\":200}}";
        ApiClient one = system.get().api();
        try (TestService other = InProcessSystem.gateway(system.get().settings());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            ApiClient two = other.api();
            int bothAccepted = 0;
            for (int i = 0; i < 20; i++) {
                String key = "race-" + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                Future<ApiClient.Response> viaOne = clients.submit(() -> {
                    start.await();
                    return post(one, "/api/jobs", key, body);
                });
                Future<ApiClient.Response> viaTwo = clients.submit(() -> {
                    start.await();
                    return post(two, "/api/jobs", key, body);
                });
                start.countDown();
                ApiClient.Response a = viaOne.get(30, TimeUnit.SECONDS);
                ApiClient.Response b = viaTwo.get(30, TimeUnit.SECONDS);
                assertThat(List.of(a.status(), b.status())).as("answers to key %s", key).allMatch(s -> s == 200 || s == 202);
                bothAccepted += a.status() == 202 && b.status() == 202 ? 1 : 0;
                String id = a.body().get("id").asString();
                assertThat(b.body().get("id").asString()).as("job id of key %s on both instances", key).isEqualTo(id);

                JsonNode onOne = one.awaitJob(id, 30_000);
                assertThat(onOne.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(two.awaitJob(id, 30_000)).as("the outcome of %s on the other instance", id).isEqualTo(onOne);
            }
            // how often both wrote the job is up to timing, so it is reported rather than asserted
            System.out.printf("simultaneous first requests: both accepted in %d of 20%n", bothAccepted);
        }
    }

    @Test
    void sameKeyWithADifferentBodyIsRefused() {
        String key = "order-" + UUID.randomUUID();
        ApiClient api = system.get().api();
        assertThat(post(api, "/api/jobs", key, "{\"type\":\"noop\",\"model\":\"threads\"}").status()).isEqualTo(202);
        ApiClient.Response different = post(api, "/api/jobs", key, "{\"type\":\"cpu\",\"model\":\"threads\"}");
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.body().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void repeatedKeyOnABatchReturnsItsIds() {
        String key = "batch-" + UUID.randomUUID();
        String body = "{\"jobs\":[{\"type\":\"noop\",\"model\":\"threads\"},{\"type\":\"cpu\",\"model\":\"virtual\","
                + "\"params\":{\"limit\":1000}}]}";
        ApiClient api = system.get().api();
        ApiClient.Response first = post(api, "/api/jobs/batch", key, body);
        assertThat(first.status()).isEqualTo(202);
        ApiClient.Response repeat = post(api, "/api/jobs/batch", key, body);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("ids")).isEqualTo(first.body().get("ids"));
    }

    @Test
    void overlongKeyIsRejected() {
        ApiClient.Response response = post(system.get().api(), "/api/jobs", "k".repeat(201),
                "{\"type\":\"noop\",\"model\":\"threads\"}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }
}
