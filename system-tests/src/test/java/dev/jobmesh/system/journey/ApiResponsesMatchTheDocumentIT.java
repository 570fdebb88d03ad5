package dev.jobmesh.system.journey;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestApiKeys;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real responses of every endpoint, in every status the OpenAPI document lists, validated against the document
 * the gateway serves with a JSON Schema validator (OpenAPI 3.1 dialect, formats asserted): the document says
 * what the server sends. A documented status no request here produced fails the run too.
 */
class ApiResponsesMatchTheDocumentIT {

    /** Any absolute IRI: the document is registered under it, nothing is fetched. */
    private static final String BASE = "https://jobmesh.test/v3/api-docs";
    private static final String JOB = "{\"type\":\"noop\",\"model\":\"threads\"}";

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private static JsonNode document;
    private static SchemaRegistry schemas;
    private static final Set<String> covered = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void readTheServedDocument() {
        ApiClient.Response served = system.get().api().get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        document = served.body();
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), registry -> registry
                .schemas(Map.of(BASE, served.raw().body()))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    @AfterAll
    static void everyDocumentedResponseWasChecked() {
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").propertyNames()
                        .forEach(status -> documented.add(operation.getKey() + " " + path.getKey() + " " + status))));
        assertThat(new TreeSet<>(covered)).as("documented responses this test produced").isEqualTo(documented);
    }

    @Test
    void submissions() {
        ApiClient api = api();
        String key = UUID.randomUUID().toString();
        check("post", "/api/jobs", 202, post("/api/jobs", JOB, key));
        check("post", "/api/jobs", 200, post("/api/jobs", JOB, key));
        check("post", "/api/jobs", 400, api.post("/api/jobs", "{\"type\": "));
        check("post", "/api/jobs", 413, api.post("/api/jobs", tooLarge()));
        check("post", "/api/jobs", 415, api.post("/api/jobs", JOB, "text/plain"));
        check("post", "/api/jobs", 422, api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"fibers\"}"));

        String batchKey = UUID.randomUUID().toString();
        String batch = "{\"jobs\":[" + JOB + "," + JOB + "]}";
        check("post", "/api/jobs/batch", 202, post("/api/jobs/batch", batch, batchKey));
        check("post", "/api/jobs/batch", 200, post("/api/jobs/batch", batch, batchKey));
        check("post", "/api/jobs/batch", 400, api.post("/api/jobs/batch", "[1,"));
        check("post", "/api/jobs/batch", 413, api.post("/api/jobs/batch", tooLarge()));
        check("post", "/api/jobs/batch", 415, api.post("/api/jobs/batch", batch, "text/plain"));
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            bad.append(i == 0 ? "" : ",").append("{\"type\":\"noop\",\"model\":\"fibers\"}");
        }
        ApiClient.Response manyViolations = api.post("/api/jobs/batch", "{\"jobs\":[" + bad + "]}");
        assertThat(manyViolations.body().get("errorCount").asInt()).isEqualTo(25);
        check("post", "/api/jobs/batch", 422, manyViolations);
    }

    @Test
    void readingJobsInEveryState() {
        ApiClient api = api();
        String succeeded = api.submit("cpu", "threads", "{\"limit\":1000}");
        String failed = submit("{\"type\":\"http\",\"model\":\"virtual\",\"maxAttempts\":1,\"params\":{\"url\":\""
                + ServiceSettings.CLOSED_URL + "\"}}");
        String retrying = submit("{\"type\":\"http\",\"model\":\"async\",\"maxAttempts\":3,\"params\":{\"url\":\""
                + ServiceSettings.CLOSED_URL + "\"}}");
        String running = api.submit("sleep", "virtual", "{\"ms\":30000}");
        String queued = submit("{\"type\":\"noop\",\"model\":\"processes\"}"); // no processes worker here: stays QUEUED

        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + succeeded + "?waitMs=30000"));
        assertThat(api.awaitJob(failed, 30_000).get("status").asString()).isEqualTo("FAILED");
        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + failed));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.awaitJob(retrying, 0).has("notBefore")
                && !api.awaitJob(retrying, 0).get("notBefore").isNull());
        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + retrying));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.awaitJob(running, 0).get("status").asString().equals("RUNNING"));
        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + running));
        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + queued));
        check("get", "/api/jobs/{id}", 400, api.get("/api/jobs/" + succeeded + "?waitMs=soon"));
        check("get", "/api/jobs/{id}", 404, api.get("/api/jobs/" + UUID.randomUUID()));
        check("get", "/api/jobs/{id}", 422, api.get("/api/jobs/" + succeeded + "?waitMs=-1"));

        String ids = "{\"ids\":[\"" + succeeded + "\",\"" + failed + "\",\"" + running + "\",\"" + UUID.randomUUID() + "\"]}";
        check("post", "/api/jobs/statuses", 200, api.post("/api/jobs/statuses", ids));
        check("post", "/api/jobs/statuses", 400, api.post("/api/jobs/statuses", "{\"ids\":"));
        check("post", "/api/jobs/statuses", 413, api.post("/api/jobs/statuses", tooLarge()));
        check("post", "/api/jobs/statuses", 415, api.post("/api/jobs/statuses", ids, "text/plain"));
        check("post", "/api/jobs/statuses", 422, api.post("/api/jobs/statuses", "{\"ids\":[]}"));

        check("delete", "/api/jobs/{id}", 202, delete(running));
        check("delete", "/api/jobs/{id}", 202, delete(queued));
        check("get", "/api/jobs/{id}", 200, api.get("/api/jobs/" + running + "?waitMs=20000"));
        check("delete", "/api/jobs/{id}", 404, delete(UUID.randomUUID().toString()));
        check("delete", "/api/jobs/{id}", 409, delete(succeeded));
    }

    @Test
    void deadLetters() throws Exception {
        ApiClient api = api();
        String failed = submit("{\"type\":\"http\",\"model\":\"virtual\",\"maxAttempts\":1,\"params\":{\"url\":\""
                + ServiceSettings.CLOSED_URL + "\"}}");
        String unreadable = "unreadable-" + UUID.randomUUID();
        // A letter of a processes job: no worker of that model runs here, so its replay stays queued and a
        // second replay finds no letter (a replayed job that failed again at once would have a new one).
        Job parked = new Job(UUID.randomUUID().toString(), "noop", Model.PROCESSES, Map.of(), Instant.now(), 1);
        try (JobRoundTrip kafka = new JobRoundTrip(system.get().kafka().bootstrapServers())) {
            kafka.sendRaw(Model.VIRTUAL, unreadable, "{not a job".getBytes(StandardCharsets.UTF_8));
        }
        writeDeadLetter(system.get().kafka().bootstrapServers(), parked);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String page = api.get("/api/dead-letters?limit=1000").raw().body();
            return page.contains(failed) && page.contains(unreadable) && page.contains(parked.id());
        });

        check("get", "/api/dead-letters", 200, api.get("/api/dead-letters?limit=1000"));
        check("get", "/api/dead-letters", 200, api.get("/api/dead-letters?limit=1")); // with a next page
        check("get", "/api/dead-letters", 400, api.get("/api/dead-letters?limit=many"));
        check("get", "/api/dead-letters", 422, api.get("/api/dead-letters?limit=0"));

        check("post", "/api/dead-letters/{id}/replay", 202, api.post("/api/dead-letters/" + parked.id() + "/replay", ""));
        check("post", "/api/dead-letters/{id}/replay", 404, api.post("/api/dead-letters/" + parked.id() + "/replay", ""));
        check("post", "/api/dead-letters/{id}/replay", 422, api.post("/api/dead-letters/" + unreadable + "/replay", ""));
    }

    private static void writeDeadLetter(String bootstrapServers, Job job) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaClientFactory(KafkaSettings.of(bootstrapServers))
                .producer("test-dead-letter-" + UUID.randomUUID(), Map.of())) {
            producer.send(new ProducerRecord<>(JobTopics.DEAD_LETTERS, job.id(), new JobCodec().encodeDeadLetter(
                    new DeadLetter(job.id(), job, new JobError(JobError.WORKLOAD_ERROR, "failed"), List.of(),
                            "threads@test", Instant.now(), null)))).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void modelsAndAJobSentToAuto() {
        ApiClient api = api();
        String auto = api.submit("noop", "auto", "{}");
        ApiClient.Response routed = api.get("/api/jobs/" + auto + "?waitMs=30000");
        check("get", "/api/jobs/{id}", 200, routed);
        assertThat(routed.body().get("routing").get("model").asString())
                .isEqualTo(routed.body().get("model").asString());
        check("get", "/api/models", 200, api.get("/api/models"));
    }

    @Test
    void keysAndLimits() {
        ApiClient anonymous = api().withKey(null);
        ApiClient wrong = api().withKey("not-a-key");
        String id = UUID.randomUUID().toString();
        check("post", "/api/jobs", 401, anonymous.post("/api/jobs", JOB));
        check("post", "/api/jobs/batch", 401, wrong.post("/api/jobs/batch", "{\"jobs\":[" + JOB + "]}"));
        check("get", "/api/jobs/{id}", 401, anonymous.get("/api/jobs/" + id));
        check("delete", "/api/jobs/{id}", 401, wrong.delete("/api/jobs/" + id));
        check("post", "/api/jobs/statuses", 401, anonymous.post("/api/jobs/statuses", "{\"ids\":[\"" + id + "\"]}"));
        check("get", "/api/dead-letters", 401, anonymous.get("/api/dead-letters"));
        check("post", "/api/dead-letters/{id}/replay", 401, wrong.post("/api/dead-letters/" + id + "/replay", ""));
        check("get", "/api/models", 401, anonymous.get("/api/models"));

        ApiClient tenant = api().withKey(TestApiKeys.SUBMIT_A);
        check("get", "/api/dead-letters", 403, tenant.get("/api/dead-letters"));
        check("post", "/api/dead-letters/{id}/replay", 403, tenant.post("/api/dead-letters/" + id + "/replay", ""));

        // the limited key may send one job an hour: its first is the only one accepted
        ApiClient limited = api().withKey(TestApiKeys.LIMITED);
        assertThat(limited.post("/api/jobs", JOB).status()).isIn(202, 429);
        check("post", "/api/jobs", 429, limited.post("/api/jobs", JOB));
        check("post", "/api/jobs/batch", 429, limited.post("/api/jobs/batch", "{\"jobs\":[" + JOB + "," + JOB + "]}"));
    }

    /** A gateway whose broker goes away: every write it is asked for answers 503. */
    @Test
    void writesWhileKafkaIsDown() throws Exception {
        TestKafka broker = TestKafka.privateBroker();
        Map<String, String> settings = ServiceSettings.common(broker.bootstrapServers(), ServiceSettings.CLOSED_URL);
        settings.put("jobmesh.gateway.submit.kafka-timeout", "2s");
        settings.put("jobmesh.gateway.view.catch-up-timeout", "1s");
        try (TestService gateway = InProcessSystem.gateway(settings)) {
            ApiClient api = gateway.api();
            String queued = api.submit("sleep", "threads", "{}");
            Job dead = new Job(UUID.randomUUID().toString(), "noop", Model.THREADS, Map.of(), Instant.now(), 1);
            writeDeadLetter(broker.bootstrapServers(), dead);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dead-letters").raw().body().contains(dead.id()));

            broker.close();

            check("post", "/api/jobs", 503, api.post("/api/jobs", JOB));
            check("post", "/api/jobs/batch", 503, api.post("/api/jobs/batch", "{\"jobs\":[" + JOB + "]}"));
            check("delete", "/api/jobs/{id}", 503, api.send(HttpRequest.newBuilder(
                    URI.create(api.base() + "/api/jobs/" + queued)).DELETE()));
            check("post", "/api/dead-letters/{id}/replay", 503, api.post("/api/dead-letters/" + dead.id() + "/replay", ""));
        }
    }

    /** Validates the response against the schema the document gives for its operation, status and media type. */
    private static void check(String method, String path, int status, ApiClient.Response response) {
        String operation = method + " " + path + " " + status;
        assertThat(response.status()).as("%s: %s", operation, response.raw().body()).isEqualTo(status);
        JsonNode documented = document.get("paths").get(path).get(method).get("responses").get(Integer.toString(status));
        assertThat(documented).as("%s in the document", operation).isNotNull();
        if (documented.has("$ref")) {
            String name = documented.get("$ref").asString().substring("#/components/responses/".length());
            documented = document.get("components").get("responses").get(name);
        }
        String mediaType = response.contentType().replaceFirst(";.*", "");
        JsonNode media = documented.get("content").get(mediaType);
        assertThat(media).as("%s: media type %s documented", operation, mediaType).isNotNull();
        String reference = media.get("schema").get("$ref").asString();
        Schema schema = schemas.getSchema(SchemaLocation.of(BASE + reference));
        List<com.networknt.schema.Error> errors = schema.validate(response.raw().body(), InputFormat.JSON);
        assertThat(errors).as("%s body %s against %s", operation, response.raw().body(), reference).isEmpty();
        if (documented.has("headers")) {
            documented.get("headers").propertyNames().forEach(header ->
                    assertThat(response.header(header)).as("%s header %s", operation, header).isNotNull());
        }
        covered.add(operation);
    }

    private static ApiClient api() {
        return system.get().api();
    }

    private static String submit(String body) {
        ApiClient.Response response = api().post("/api/jobs", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
        return response.body().get("id").asString();
    }

    private static ApiClient.Response post(String path, String body, String idempotencyKey) {
        return api().send(HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static ApiClient.Response delete(String id) {
        return api().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/jobs/" + id)).DELETE());
    }

    private static String tooLarge() {
        return "{\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    }
}
