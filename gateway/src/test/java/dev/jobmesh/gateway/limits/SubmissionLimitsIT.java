package dev.jobmesh.gateway.limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestApiKeys;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A key over its rate, or with as many jobs queued or running as it may, is refused with 429 and Retry-After, whole
 * and writing nothing, and let in again later.
 */
class SubmissionLimitsIT {

    @RegisterExtension
    static final ServiceExtension gateway = ServiceExtension.of(GatewayApplication.class, "gateway")
            .with("management.server.port", "0")
            .with("jobmesh.gateway.limits.keys.tenant-a.rate", "1")
            .with("jobmesh.gateway.limits.keys.tenant-a.period", "2s")
            .with("jobmesh.gateway.limits.keys.tenant-a.burst", "10");

    private static String batch(int jobs) {
        return "{\"jobs\":[" + String.join(",", java.util.Collections.nCopies(jobs,
                "{\"type\":\"noop\",\"model\":\"threads\"}")) + "]}";
    }

    private static ApiClient as(String key) {
        return gateway.service().api().withKey(key);
    }

    @Test
    void aKeyOverItsRateIsRefusedWholeUntilItsBucketRefills() throws Exception {
        ApiClient tenant = as(TestApiKeys.SUBMIT_A);
        assertThat(tenant.post("/api/jobs/batch", batch(10)).status()).as("the whole burst").isEqualTo(202);

        Map<String, Long> before = gateway.kafka().endOffsets(JobTopics.all());
        ApiClient.Response refused = tenant.post("/api/jobs/batch", batch(3));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("/problems/rate-limited");
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("jobs");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 6L);
        assertThat(gateway.kafka().endOffsets(JobTopics.all())).as("nothing written").isEqualTo(before);
        ApiClient limited = as(TestApiKeys.LIMITED); // one job an hour: a single job is refused as a batch is
        limited.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}");
        assertThat(limited.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}").status()).isEqualTo(429);

        assertThat(as(TestApiKeys.SUBMIT_B).post("/api/jobs/batch", batch(10)).status())
                .as("another key has its own bucket").isEqualTo(202);

        Thread.sleep(retryAfter * 1000);
        assertThat(tenant.post("/api/jobs/batch", batch(3)).status()).as("after Retry-After").isEqualTo(202);
    }

    @Test
    void aBatchLargerThanTheBurstIsRefusedAtOnce() {
        ApiClient.Response refused = as(TestApiKeys.SUBMIT_A).post("/api/jobs/batch", batch(11));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("detail").asString()).contains("smaller batches");
    }

    @Test
    void acceptedAndLimitedJobsAreCountedPerKey() {
        as(TestApiKeys.SUBMIT_A).post("/api/jobs/batch", batch(11));
        as(TestApiKeys.SUBMIT_B).post("/api/jobs/batch", batch(2));
        String metrics = new ApiClient(gateway.service().managementUrl(), null).get("/actuator/prometheus").raw().body();
        assertThat(metrics).containsPattern("jobmesh_gateway_key_jobs_total\\{.*key=\"tenant-a\".*outcome=\"limited\".*} [1-9]")
                .containsPattern("jobmesh_gateway_key_jobs_total\\{.*key=\"tenant-b\".*outcome=\"accepted\".*} [1-9]");
    }

    @Test
    void aKeyWithAsManyJobsUnfinishedAsItMayIsRefusedUntilOneEndsAlsoAfterARestart() throws Exception {
        // no worker runs here: submitted jobs stay queued until cancelled
        String key = "capped-" + UUID.randomUUID();
        Path view = Files.createTempDirectory("jobmesh-test-view-");
        Map<String, String> settings = Map.of(
                "jobmesh.gateway.auth.keys[4].name", "capped", "jobmesh.gateway.auth.keys[4].role", "submit",
                "jobmesh.gateway.auth.keys[4].sha256", TestApiKeys.sha256(key),
                "jobmesh.gateway.limits.keys.capped.rate", "1000", "jobmesh.gateway.limits.keys.capped.burst", "1000",
                "jobmesh.gateway.limits.keys.capped.max-unfinished", "3",
                "jobmesh.gateway.view.directory", view.toString());
        List<String> ids = new ArrayList<>();
        try (TestService first = gateway.start(settings)) {
            ApiClient capped = first.api().withKey(key);
            for (int i = 0; i < 3; i++) {
                ids.add(capped.submit("noop", "threads", "{}"));
            }
            ids.forEach(id -> capped.awaitJob(id, 0)); // in the view, so counted
            ApiClient.Response refused = capped.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().get("type").asString()).isEqualTo("/problems/too-many-unfinished");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(capped.post("/api/jobs/batch", batch(1)).status()).isEqualTo(429);
        }
        try (TestService second = gateway.start(settings)) {
            ApiClient capped = second.api().withKey(key);
            await().atMost(Duration.ofSeconds(30)).until(() -> capped.get("/api/jobs/" + ids.getFirst()).status() == 200);
            assertThat(capped.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}").status())
                    .as("the count resumed with the view").isEqualTo(429);

            assertThat(capped.delete("/api/jobs/" + ids.getFirst()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    capped.awaitJob(ids.getFirst(), 0).get("status").asString().equals("CANCELLED"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    capped.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}").status() == 202);
        }
    }
}
