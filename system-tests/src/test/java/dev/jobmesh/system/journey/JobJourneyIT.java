package dev.jobmesh.system.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs of every workload through REST, real Kafka and every model's worker, and back. */
class JobJourneyIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private ApiClient api() {
        return system.get().api();
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "async"})
    void everyWorkloadSucceedsWithItsResult(String model) {
        ApiClient.Response accepted = api().post("/api/jobs",
                "{\"type\":\"cpu\",\"model\":\"" + model + "\",\"params\":{\"limit\":100000}}");
        assertThat(accepted.status()).isEqualTo(202);
        String cpu = accepted.body().get("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/api/jobs/" + cpu);
        assertThat(accepted.body().get("status").asString()).isEqualTo("QUEUED");

        String cpuDefault = api().submit("cpu", model, "{}");
        String sleep = api().submit("sleep", model, "{\"ms\":120}");
        String http = api().submit("http", model, "{}");
        String noop = api().submit("noop", model, "{}");

        assertThat(assertSucceeded(cpu, model).get("result").get("primes").asInt()).isEqualTo(9592);
        assertThat(assertSucceeded(cpuDefault, model).get("result").get("primes").asInt()).isEqualTo(17984);
        JsonNode slept = assertSucceeded(sleep, model);
        assertThat(slept.get("result").get("sleptMs").asInt()).isEqualTo(120);
        assertThat(Instant.parse(slept.get("finishedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(slept.get("startedAt").asString()).plusMillis(120));
        JsonNode fetched = assertSucceeded(http, model);
        assertThat(fetched.get("result").get("status").asInt()).isEqualTo(200);
        assertThat(fetched.get("result").get("bytes").asInt()).isEqualTo(1024);
        assertSucceeded(noop, model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "async"})
    void failingWorkloadEndsFailedWithItsError(String model) {
        String id = api().submit("http", model, "{\"url\":\"http://127.0.0.1:9/\"}");
        JsonNode job = api().awaitJob(id, 30_000);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").get("code").asString()).isEqualTo("CONNECTION_ERROR");
        assertThat(job.get("error").get("message").asString()).isNotBlank();
        assertThat(job.get("model").asString()).isEqualTo(model);
    }

    @Test
    void batchIsAcceptedWholeAndEveryJobFinishes() {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        String[] types = {"noop", "cpu", "sleep", "http"};
        String[] models = {"threads", "virtual", "async"};
        for (int i = 0; i < 200; i++) {
            String params = switch (types[i % 4]) {
                case "cpu" -> "{\"limit\":20000}";
                case "sleep" -> "{\"ms\":10}";
                default -> "{}";
            };
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(types[i % 4]).append("\",\"model\":\"")
                    .append(models[i % 3]).append("\",\"params\":").append(params).append('}');
        }
        body.append("]}");
        ApiClient.Response response = api().post("/api/jobs/batch", body.toString());
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("count").asInt()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().get("ids").forEach(id -> ids.add(id.asString()));
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode job = api().awaitJob(ids.get(i), 30_000);
            assertThat(job.get("status").asString()).as("job %d", i).isEqualTo("SUCCEEDED");
            assertThat(job.get("type").asString()).isEqualTo(types[i % 4]);
        }
    }

    @Test
    void waitReturnsEarlyWithTheCurrentStatusWhenTheJobOutlastsIt() {
        String id = api().submit("sleep", "virtual", "{\"ms\":3000}");
        long start = System.nanoTime();
        JsonNode job = api().awaitJob(id, 300);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(job.get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(tookMs).isGreaterThanOrEqualTo(250);
        assertThat(api().awaitJob(id, 30_000).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private JsonNode assertSucceeded(String id, String model) {
        JsonNode job = api().awaitJob(id, 30_000);
        assertThat(job.get("status").asString()).as("job %s: %s", id, job).isEqualTo("SUCCEEDED");
        assertThat(job.get("id").asString()).isEqualTo(id);
        assertThat(job.get("model").asString()).isEqualTo(model);
        assertThat(job.get("worker").asString()).startsWith(model + "@");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        Instant submitted = Instant.parse(job.get("submittedAt").asString());
        Instant started = Instant.parse(job.get("startedAt").asString());
        Instant finished = Instant.parse(job.get("finishedAt").asString());
        assertThat(started).isAfterOrEqualTo(submitted);
        assertThat(finished).isAfterOrEqualTo(started);
        return job;
    }
}
