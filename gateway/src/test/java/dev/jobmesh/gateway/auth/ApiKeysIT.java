package dev.jobmesh.gateway.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestApiKeys;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API without a key, with a wrong key and with the wrong role; what a key's jobs are, and who
 * sees them. The test gateway knows the keys of {@link TestApiKeys}: an admin and two submit keys.
 */
class ApiKeysIT {

    private static final String JOB = "{\"type\":\"noop\",\"model\":\"threads\"}";

    @RegisterExtension
    static final ServiceExtension gateway = ServiceExtension.of(GatewayApplication.class, "gateway")
            .with("management.server.port", "0");

    private ApiClient as(String key) {
        return gateway.service().api().withKey(key);
    }

    /** One request to each endpoint of the API. */
    private static List<ApiClient.Response> everyEndpoint(ApiClient api) {
        String id = UUID.randomUUID().toString();
        return List.of(
                api.post("/api/jobs", JOB),
                api.post("/api/jobs/batch", "{\"jobs\":[" + JOB + "]}"),
                api.get("/api/jobs/" + id),
                api.delete("/api/jobs/" + id),
                api.post("/api/jobs/statuses", "{\"ids\":[\"" + id + "\"]}"),
                api.get("/api/dead-letters"),
                api.post("/api/dead-letters/" + id + "/replay", ""));
    }

    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.raw().request().method() + " " + response.raw().uri())
                .isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).isEqualTo(type);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
    }

    @Test
    void everyEndpointRefusesARequestWithoutAKey() {
        for (ApiClient.Response response : everyEndpoint(as(null))) {
            assertProblem(response, 401, "/problems/unauthorized");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"jobmesh\"");
        }
    }

    @Test
    void everyEndpointRefusesAWrongKey() {
        for (ApiClient.Response response : everyEndpoint(as("not-a-key"))) {
            assertProblem(response, 401, "/problems/unauthorized");
            assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        ApiClient anonymous = as(null);
        ApiClient.Response basic = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.base() + "/api/jobs"))
                .header("Content-Type", "application/json").header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(HttpRequest.BodyPublishers.ofString(JOB)));
        assertProblem(basic, 401, "/problems/unauthorized");
    }

    @Test
    void aSubmitKeyIsForbiddenTheDeadLetters() {
        ApiClient tenant = as(TestApiKeys.SUBMIT_A);
        assertProblem(tenant.get("/api/dead-letters"), 403, "/problems/forbidden");
        assertProblem(tenant.post("/api/dead-letters/" + UUID.randomUUID() + "/replay", ""), 403, "/problems/forbidden");
        assertThat(as(TestApiKeys.ADMIN).get("/api/dead-letters").status()).isEqualTo(200);
    }

    @Test
    void theKeyMayComeInTheXApiKeyHeader() {
        ApiClient anonymous = as(null);
        ApiClient.Response response = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.base() + "/api/jobs"))
                .header("Content-Type", "application/json").header("X-Api-Key", TestApiKeys.SUBMIT_A)
                .POST(HttpRequest.BodyPublishers.ofString(JOB)));
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void aJobRecordsTheKeyThatSubmittedItAndOnlyThatKeyOrAnAdminSeesIt() {
        ApiClient tenantA = as(TestApiKeys.SUBMIT_A);
        ApiClient tenantB = as(TestApiKeys.SUBMIT_B);
        String id = tenantA.submit("noop", "threads", "{}");

        assertThat(tenantA.awaitJob(id, 0).get("owner").asString()).isEqualTo("tenant-a");
        assertThat(as(TestApiKeys.ADMIN).awaitJob(id, 0).get("owner").asString()).isEqualTo("tenant-a");

        // another submit key learns nothing: not found, as if there were no such job
        assertThat(tenantB.get("/api/jobs/" + id).status()).isEqualTo(404);
        assertThat(tenantB.delete("/api/jobs/" + id).status()).isEqualTo(404);
        ApiClient.Response page = tenantB.post("/api/jobs/statuses", "{\"ids\":[\"" + id + "\"]}");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("jobs").size()).isZero();
        assertThat(page.body().get("missing").get(0).asString()).isEqualTo(id);

        assertThat(tenantA.delete("/api/jobs/" + id).status()).isEqualTo(202);
    }

    @Test
    void idempotencyKeysAreScopedToTheApiKey() {
        String idempotencyKey = "order-" + UUID.randomUUID();
        String a = idempotent(as(TestApiKeys.SUBMIT_A), idempotencyKey);
        String b = idempotent(as(TestApiKeys.SUBMIT_B), idempotencyKey);

        assertThat(a).isNotEqualTo(b);
        assertThat(idempotent(as(TestApiKeys.SUBMIT_A), idempotencyKey)).isEqualTo(a);
    }

    private static String idempotent(ApiClient api, String idempotencyKey) {
        ApiClient.Response response = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/jobs"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JOB)));
        assertThat(response.status()).isIn(200, 202);
        return response.body().get("id").asString();
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoKey() {
        ApiClient anonymous = as(null);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        ApiClient management = new ApiClient(gateway.service().managementUrl(), null);
        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void withAuthSwitchedOffEveryRequestIsLetInAndJobsHaveNoOwner() {
        try (TestService open = gateway.start(Map.of("jobmesh.gateway.auth.enabled", "false"))) {
            ApiClient anonymous = open.api().withKey(null);
            String id = anonymous.submit("noop", "threads", "{}");
            assertThat(anonymous.awaitJob(id, 0).get("owner").isNull()).isTrue();
            assertThat(anonymous.get("/api/dead-letters").status()).isEqualTo(200);
        }
    }
}
