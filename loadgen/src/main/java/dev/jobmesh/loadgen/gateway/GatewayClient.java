package dev.jobmesh.loadgen.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.IsoInstants;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's REST API as a load test uses it: jobs in, statuses out, in batches or one job per request. The
 * JDK's HTTP client is enough: it keeps connections alive and blocks only the virtual thread of a lane.
 */
public final class GatewayClient implements AutoCloseable {

    private final URI base;
    private final @Nullable String authorization;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(IsoInstants.module()) // the job timestamps of every answer, without DateTimeFormatter
            .build();

    public GatewayClient(URI base) {
        this(base, null);
    }

    /** A client that sends {@code apiKey} with every request, or none when null. */
    public GatewayClient(URI base, @Nullable String apiKey) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey.strip();
        // HTTP/1.1, which the gateway speaks: the client's default, HTTP/2, would offer an h2c upgrade on every new
        // plain connection for nothing.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** Submits jobs in one request; the ids come back in request order once Kafka has them all. */
    public List<String> submit(List<JobSpec> jobs) throws IOException, InterruptedException {
        Accepted accepted = post("api/jobs/batch", new Batch(jobs), Accepted.class, Duration.ofSeconds(60));
        return accepted.ids();
    }

    /** Submits one job with {@code POST /api/jobs}; its id comes back once Kafka has it. */
    public String submitOne(JobSpec job) throws IOException, InterruptedException {
        return post("api/jobs", job, Accepted.One.class, Duration.ofSeconds(60)).id();
    }

    /** The status of up to 10,000 jobs, waiting up to {@code wait} for all of them to finish. */
    public Statuses statuses(List<String> ids, Duration wait) throws IOException, InterruptedException {
        return post("api/jobs/statuses?waitMs=" + wait.toMillis(), Map.of("ids", ids), Statuses.class,
                wait.plusSeconds(30));
    }

    private <T> T post(String path, Object body, Class<T> type, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()), type);
    }

    private <T> T answer(HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw new GatewayRejectedException(response.statusCode(), new String(response.body()));
        }
        return json.readValue(response.body(), type);
    }

    @Override
    public void close() {
        http.close();
    }

    record Batch(List<JobSpec> jobs) {
    }

    record Accepted(int count, List<String> ids) {

        record One(String id) {
        }
    }

    /** The answer of {@code POST /api/jobs/statuses}. */
    public record Statuses(List<JobView> jobs, List<String> missing) {
    }
}
