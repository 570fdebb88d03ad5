package dev.jobmesh.system.journey;

import java.time.Duration;

import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DELETE cancels a running job on a real worker, refuses finished ones, and time limits stop runs. */
class CancellationIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private ApiClient.Response delete(String id) {
        ApiClient api = system.get().api();
        return api.delete("/api/jobs/" + id);
    }

    @Test
    void runningJobIsStoppedAndEndsCancelled() {
        ApiClient api = system.get().api();
        for (String model : new String[]{"threads", "virtual", "async"}) {
            String id = api.submit("sleep", model, "{\"ms\":30000}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.awaitJob(id, 0).get("status").asString().equals("RUNNING"));
            long start = System.nanoTime();
            ApiClient.Response cancel = delete(id);
            assertThat(cancel.status()).isEqualTo(202);
            JsonNode job = api.awaitJob(id, 20_000);
            assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(job.get("error").get("code").asString()).isEqualTo("CANCELLED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void finishedJobCannotBeCancelled() {
        ApiClient api = system.get().api();
        String id = api.submit("noop", "threads", "{}");
        assertThat(api.awaitJob(id, 20_000).get("status").asString()).isEqualTo("SUCCEEDED");
        ApiClient.Response cancel = delete(id);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.body().get("type").asString()).isEqualTo("/problems/job-finished");
        assertThat(delete("00000000-0000-0000-0000-000000000001").status()).isEqualTo(404);
    }

    @Test
    void runPastItsTimeLimitFailsWithTimeout() {
        ApiClient api = system.get().api();
        ApiClient.Response accepted = api.post("/api/jobs",
                "{\"type\":\"sleep\",\"model\":\"threads\",\"params\":{\"ms\":30000},\"timeoutMs\":300,\"maxAttempts\":1}");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("id").asString();
        JsonNode job = api.awaitJob(id, 20_000);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").get("code").asString()).isEqualTo("TIMEOUT");
    }
}
