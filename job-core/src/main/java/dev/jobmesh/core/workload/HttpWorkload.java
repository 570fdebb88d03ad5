package dev.jobmesh.core.workload;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.jobmesh.core.job.JobError;
import org.jspecify.annotations.Nullable;

/**
 * GETs {@code params.url} and checks for status 200 and a body of exactly {@link #EXPECTED_BYTES} bytes.
 * Uses the JDK's HttpClient: it pools keep-alive connections, needs no extra dependency, and offers
 * the blocking and the non-blocking API over one connection pool.
 */
public final class HttpWorkload implements Workload<HttpWorkload.HttpParams> {

    public static final String TYPE = "http";
    public static final int EXPECTED_BYTES = 1024;

    /** The URL to fetch. */
    public record HttpParams(URI url) {
    }

    private final HttpClient client;
    private final HttpAllowlist allowlist;
    private final URI defaultUrl;
    private final Duration requestTimeout;

    public HttpWorkload(HttpClient client, HttpAllowlist allowlist, URI defaultUrl, Duration requestTimeout) {
        this.client = client;
        this.allowlist = allowlist;
        this.defaultUrl = defaultUrl;
        this.requestTimeout = requestTimeout;
    }

    /** The time limit of a job that sets none: well past one request timeout. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HttpParams parse(@Nullable Map<String, Object> params) {
        Params p = new Params(params, Set.of("url"));
        String text = p.string("url", null);
        URI url = defaultUrl;
        if (text != null) {
            try {
                url = new URI(text);
                if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                    p.reject("url", "must be an http or https URL");
                } else if (!allowlist.allows(url)) {
                    p.reject("url", "host is not on the allowlist " + allowlist.entries());
                }
            } catch (URISyntaxException e) {
                p.reject("url", "is not a valid URL: " + e.getReason());
            }
        }
        p.requireValid();
        return new HttpParams(url);
    }

    @Override
    public Map<String, Object> run(HttpParams params) throws Exception {
        HttpResponse<byte[]> response = client.send(request(params), HttpResponse.BodyHandlers.ofByteArray());
        return check(response.statusCode(), response.body().length);
    }

    /** The request for one job, shared by the blocking and non-blocking callers. */
    public HttpRequest request(HttpParams params) {
        return HttpRequest.newBuilder(params.url()).GET().timeout(requestTimeout).build();
    }

    /** Checks a response; throws {@link WorkloadFailedException} when it is not what the target sends. */
    public static Map<String, Object> check(int status, int bytes) {
        if (status >= 500) {
            throw new WorkloadFailedException(JobError.HTTP_SERVER_ERROR, "expected status 200, got " + status);
        }
        if (status != 200) {
            throw new WorkloadFailedException(JobError.HTTP_CLIENT_ERROR, "expected status 200, got " + status);
        }
        if (bytes != EXPECTED_BYTES) {
            throw new WorkloadFailedException("expected a " + EXPECTED_BYTES + "-byte body, got " + bytes);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("bytes", bytes);
        return result;
    }
}
