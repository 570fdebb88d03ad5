package dev.jobmesh.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a gateway over real HTTP, as any client would, with an API key (the test admin key unless given). */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final @Nullable String apiKey;

    public ApiClient(String base) {
        this(base, TestApiKeys.ADMIN);
    }

    /** A client sending {@code apiKey} as a bearer token, or no key at all when null. */
    public ApiClient(String base, @Nullable String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The same gateway with another key, or none. */
    public ApiClient withKey(@Nullable String key) {
        return new ApiClient(base, key);
    }

    /** A response with its body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!response.body().isEmpty()) {
                try {
                    body = json.readTree(response.body());
                } catch (RuntimeException e) {
                    body = null;
                }
            }
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits one job and returns its id; fails unless the gateway answered 202. */
    public String submit(String type, String model, String paramsJson) {
        Response response = post("/api/jobs", "{\"type\":\"" + type + "\",\"model\":\"" + model + "\",\"params\":"
                + paramsJson + "}");
        if (response.status() != 202) {
            throw new AssertionError("expected 202, got " + response.status() + ": " + response.raw().body());
        }
        return response.body().get("id").asString();
    }

    /** Waits (server side) until the job is terminal or the wait runs out. */
    public JsonNode awaitJob(String id, long waitMs) {
        Response response = get("/api/jobs/" + id + "?waitMs=" + waitMs);
        if (response.status() != 200) {
            throw new AssertionError("expected 200 for " + id + ", got " + response.status() + ": " + response.raw().body());
        }
        return response.body();
    }

    public HttpClient http() {
        return http;
    }

    public String base() {
        return base;
    }
}
