package dev.jobmesh.system.journey;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
