package dev.jobmesh.gateway.limits;

import java.util.Map;

import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A key over its rate is refused with 429 and Retry-After, whole and writing nothing, and let in again later. */
class SubmissionLimitsIT {

    @RegisterExtension
    static final ServiceExtension gateway = ServiceExtension.of(GatewayApplication.class, "gateway")
            .with("management.server.port", "0")
            .with("jobmesh.gateway.limits.keys.tenant-a.rate", "1")
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
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(tenant.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}").status()).isEqualTo(429);
        assertThat(gateway.kafka().endOffsets(JobTopics.all())).as("nothing written").isEqualTo(before);

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
}
