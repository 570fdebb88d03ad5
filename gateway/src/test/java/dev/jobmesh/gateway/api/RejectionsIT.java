package dev.jobmesh.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ErrorPages;
import dev.jobmesh.testsupport.ServiceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets its 4xx problem body naming the field, and writes nothing to Kafka. */
class RejectionsIT {

    @RegisterExtension
    static final ServiceExtension gateway = ServiceExtension.of(GatewayApplication.class, "gateway")
            .with("management.server.port", "0");

    private Map<String, Long> endsBefore;

    @BeforeEach
    void recordTopicEnds() throws Exception {
        endsBefore = settledEnds();
    }

    @AfterEach
    void nothingReachedKafka() throws Exception {
        assertThat(settledEnds()).as("end offsets of every jobmesh topic").isEqualTo(endsBefore);
    }

    private Map<String, Long> settledEnds() throws Exception {
        // Jobs of earlier tests may still be finishing; wait until the topics stand still.
        Map<String, Long> previous = gateway.kafka().endOffsets(JobTopics.all());
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            Map<String, Long> now = gateway.kafka().endOffsets(JobTopics.all());
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private ApiClient api() {
        return gateway.service().api();
    }

    private static void assertProblem(ApiClient.Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.get("type").asString()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.get("errors")).as("errors of %s", body).isNotNull();
        assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api().post("/api/jobs", "{\"type\": \"noop\", "), 400, "/problems/malformed-request", "body");
        assertProblem(api().post("/api/jobs", "not json at all"), 400, "/problems/malformed-request", "body");
    }

    @Test
    void fieldOfTheWrongJsonTypeIs400NamingIt() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"sleep\",\"model\":\"threads\",\"params\":5}"), 400,
                "/problems/malformed-request", "params");
        assertProblem(api().post("/api/jobs/batch", "{\"jobs\":[{\"type\":\"noop\",\"model\":\"threads\",\"params\":[1]}]}"),
                400, "/problems/malformed-request", "jobs[0].params");
    }

    @Test
    void aMalformedBodyIsDescribedInJsonTermsNamingNoClassOrParser() {
        ApiClient.Response array = api().post("/api/jobs/batch", "[]");
        assertProblem(array, 400, "/problems/malformed-request", "body");
        assertThat(array.body().get("errors").get(0).get("message").asString()).isEqualTo("must be an object");
        ApiClient.Response number = api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\",\"maxAttempts\":[]}");
        assertProblem(number, 400, "/problems/malformed-request", "maxAttempts");
        assertThat(number.body().get("errors").get(0).get("message").asString()).isEqualTo("must be a number");
        ApiClient.Response broken = api().post("/api/jobs", "{\"type\": \"noop\",, }");
        assertProblem(broken, 400, "/problems/malformed-request", "body");
        assertThat(broken.body().get("detail").asString()).startsWith("body is not valid JSON (line 1, column");
        for (ApiClient.Response response : new ApiClient.Response[]{array, number, broken}) {
            assertThat(response.raw().body()).doesNotContain("dev.jobmesh", "java.", "Cannot deserialize",
                    "Unexpected character", "jackson");
        }
    }

    @Test
    void jsonNestedTooDeeplyIs400AndCheap() {
        String deep = "{\"type\":\"noop\",\"model\":\"threads\",\"params\":{\"x\":" + "[".repeat(2_000)
                + "]".repeat(2_000) + "}}";
        long start = System.nanoTime();
        ApiClient.Response response = api().post("/api/jobs", deep);
        assertProblem(response, 400, "/problems/malformed-request", "body");
        assertThat(response.body().get("detail").asString()).contains("nested deeper than");
        assertThat(System.nanoTime() - start).as("answered at once").isLessThan(5_000_000_000L);
    }

    @Test
    void whatTomcatRefusesBeforeSpringIsAProblemBodyToo() {
        ApiClient.Response encodedSlash = api().get("/api/jobs/a%2Fb");
        ApiClient.Response hugeHeader = api().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/jobs/x"))
                .header("X-Padding", "x".repeat(10_000)).GET());
        for (ApiClient.Response response : new ApiClient.Response[]{encodedSlash, hugeHeader}) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("status").asInt()).isEqualTo(400);
            assertThat(response.body().get("title").asString()).isEqualTo("Bad Request");
            assertThat(response.raw().body()).doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
        }
    }

    @Test
    void everyRefusalOfTheManagementPortIsAProblemBody() {
        ErrorPages.assertEveryRefusalIsAProblem(gateway.service().managementUrl());
    }

    @Test
    void missingBodyIs400() {
        assertProblem(api().post("/api/jobs", ""), 400, "/problems/malformed-request", "body");
    }

    @Test
    void unknownTypeOrModelIs422() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"fft\",\"model\":\"threads\"}"), 422,
                "/problems/invalid-request", "type");
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"fibers\"}"), 422,
                "/problems/invalid-request", "model");
        assertProblem(api().post("/api/jobs", "{\"params\":{}}"), 422, "/problems/invalid-request", "model");
        assertProblem(api().post("/api/jobs", "{\"model\":\"threads\"}"), 422, "/problems/invalid-request", "type");
    }

    @Test
    void missingOrOutOfRangeParamsAre422() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"sleep\",\"model\":\"threads\",\"params\":{\"ms\":60001}}"),
                422, "/problems/invalid-request", "params.ms");
        assertProblem(api().post("/api/jobs", "{\"type\":\"sleep\",\"model\":\"threads\",\"params\":{\"ms\":-1}}"),
                422, "/problems/invalid-request", "params.ms");
        assertProblem(api().post("/api/jobs", "{\"type\":\"cpu\",\"model\":\"virtual\",\"params\":{\"limit\":\"lots\"}}"),
                422, "/problems/invalid-request", "params.limit");
        assertProblem(api().post("/api/jobs", "{\"type\":\"cpu\",\"model\":\"virtual\",\"params\":{\"limit\":5000001}}"),
                422, "/problems/invalid-request", "params.limit");
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"virtual\",\"params\":{\"ms\":1}}"),
                422, "/problems/invalid-request", "params.ms");
    }

    @Test
    void attemptsOrTimeoutOutOfRangeAre422() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\",\"maxAttempts\":0}"),
                422, "/problems/invalid-request", "maxAttempts");
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\",\"maxAttempts\":11}"),
                422, "/problems/invalid-request", "maxAttempts");
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\",\"timeoutMs\":0}"),
                422, "/problems/invalid-request", "timeoutMs");
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\",\"timeoutMs\":\"soon\"}"),
                400, "/problems/malformed-request", "timeoutMs");
    }

    @Test
    void urlOffTheAllowlistIs422() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"http\",\"model\":\"threads\",\"params\":{\"url\":\"http://example.org/\"}}"),
                422, "/problems/invalid-request", "params.url");
        assertProblem(api().post("/api/jobs", "{\"type\":\"http\",\"model\":\"threads\",\"params\":{\"url\":\"file:///etc/passwd\"}}"),
                422, "/problems/invalid-request", "params.url");
    }

    @Test
    void batchWithOneBadJobIsRejectedWhole() {
        assertProblem(api().post("/api/jobs/batch", """
                {"jobs":[{"type":"noop","model":"threads"},{"type":"noop","model":"fibers"},{"type":"noop","model":"async"}]}"""),
                422, "/problems/invalid-request", "jobs[1].model");
        assertProblem(api().post("/api/jobs/batch", "{\"jobs\":[]}"), 422, "/problems/invalid-request", "jobs");
        assertProblem(api().post("/api/jobs/batch", "{}"), 422, "/problems/invalid-request", "jobs");
    }

    @Test
    void batchOfMoreThanTenThousandJobsIs422() {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        for (int i = 0; i < 10_001; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"noop\",\"model\":\"threads\"}");
        }
        body.append("]}");
        assertProblem(api().post("/api/jobs/batch", body.toString()), 422, "/problems/invalid-request", "jobs");
    }

    @Test
    void statusesOfMoreThanTenThousandIdsIs422() {
        StringBuilder body = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < 10_001; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(java.util.UUID.randomUUID()).append('"');
        }
        body.append("]}");
        assertProblem(api().post("/api/jobs/statuses", body.toString()), 422, "/problems/invalid-request", "ids");
    }

    @Test
    void hundredThousandUnknownParamsAreOneViolationAnsweredAtOnce() {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            params.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        String body = "{\"type\":\"noop\",\"model\":\"threads\",\"params\":{" + params + "}}";
        long began = System.nanoTime();
        ApiClient.Response response = api().post("/api/jobs", body);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertProblem(response, 422, "/problems/invalid-request", "params");
        assertThat(response.body().get("errors")).hasSize(1);
        assertThat(response.raw().body()).hasSizeLessThan(1_000);
        // Linear work answers in milliseconds; the quadratic message this guards against took over 100 s here.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aProblemListsTheFirstTwentyViolationsAndCountsThemAll() {
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            jobs.append(i == 0 ? "" : ",").append("{\"type\":\"noop\",\"model\":\"fibers\"}");
        }
        ApiClient.Response response = api().post("/api/jobs/batch", "{\"jobs\":[" + jobs + "]}");
        assertProblem(response, 422, "/problems/invalid-request", "jobs[19].model");
        assertThat(response.body().get("errors")).hasSize(20);
        assertThat(response.body().get("errorCount").asInt()).isEqualTo(25);
        assertThat(response.body().get("detail").asString()).endsWith("; and 5 more");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"type\":\"noop\",\"model\":\"threads\",\"params\":{\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}";
        assertProblem(api().post("/api/jobs", huge), 413, "/problems/body-too-large", "body");
    }

    @Test
    void oversizedChunkedBodyIs413() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes();
        Supplier<InputStream> endless = () -> new InputStream() {
            private long sent;
            private final byte[] head = "{\"type\":\"noop\",\"model\":\"threads\",\"params\":{\"pad\":\"".getBytes();

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent > 6L * 1024 * 1024) {
                    return -1;
                }
                byte[] from = sent == 0 ? head : chunk;
                int n = Math.min(len, from.length);
                System.arraycopy(from, 0, b, off, n);
                sent += n;
                return n;
            }
        };
        ApiClient.Response response = api().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/jobs"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(endless)));
        assertProblem(response, 413, "/problems/body-too-large", "body");
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(api().post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}", "text/plain"), 415,
                "/problems/unsupported-media-type", "Content-Type");
        assertProblem(api().post("/api/jobs/batch", "<jobs/>", "application/xml"), 415,
                "/problems/unsupported-media-type", "Content-Type");
    }

    @Test
    void unknownJobIs404() {
        assertProblem(api().get("/api/jobs/00000000-0000-0000-0000-000000000000"), 404, "/problems/job-not-found", "id");
        assertProblem(api().get("/api/jobs/not-a-job"), 404, "/problems/job-not-found", "id");
    }

    @Test
    void badWaitIsRejectedNamingIt() {
        assertProblem(api().get("/api/jobs/00000000-0000-0000-0000-000000000000?waitMs=-5"), 422,
                "/problems/invalid-request", "waitMs");
        assertProblem(api().get("/api/jobs/00000000-0000-0000-0000-000000000000?waitMs=soon"), 400,
                "/problems/malformed-request", "waitMs");
    }
}
