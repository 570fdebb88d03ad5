package dev.jobmesh.core.workload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.jobmesh.core.job.JobError;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * GETs {@code params.url} and checks for status 200 and a body of exactly {@link #EXPECTED_BYTES} bytes. {@link #run}
 * blocks the calling thread on the client of {@link WorkloadCatalog#httpClient}; the event-loop model sends the same
 * request with a non-blocking client of its own and {@link #check}s the answer alike.
 */
public final class HttpWorkload implements Workload<HttpWorkload.HttpParams> {

    public static final String TYPE = "http";
    public static final int EXPECTED_BYTES = 1024;

    /** The URL to fetch. */
    public record HttpParams(URI url) {
    }

    private final CloseableHttpClient client;
    private final HttpAllowlist allowlist;
    private final URI defaultUrl;

    public HttpWorkload(CloseableHttpClient client, HttpAllowlist allowlist, URI defaultUrl) {
        this.client = client;
        this.allowlist = allowlist;
        this.defaultUrl = defaultUrl;
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
        HttpGet get = new HttpGet(params.url());
        return client.execute(get, response -> check(response.getCode(), boundedLength(get, response.getEntity())));
    }

    /**
     * The body's length, counted without keeping it. A body the target would send is read to its end, so the
     * connection goes back to the pool for the next job; a longer one is read no further than one byte past it and
     * its connection dropped, so a host that answers with gigabytes costs neither memory nor time.
     */
    private static int boundedLength(HttpGet get, @Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return 0;
        }
        InputStream body = entity.getContent();
        byte[] buffer = new byte[EXPECTED_BYTES + 1];
        int length = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            length += n;
            if (length > EXPECTED_BYTES) {
                get.cancel();
                return length;
            }
        }
        return length;
    }

    /** Checks a response; throws {@link WorkloadFailedException} when it is not what the target sends. */
    public static Map<String, Object> check(int status, int bytes) {
        if (status >= 500) {
            throw new WorkloadFailedException(JobError.HTTP_SERVER_ERROR, "expected status 200, got " + status);
        }
        if (status != 200) {
            throw new WorkloadFailedException(JobError.HTTP_CLIENT_ERROR, "expected status 200, got " + status);
        }
        if (bytes > EXPECTED_BYTES) {
            throw new WorkloadFailedException("expected a " + EXPECTED_BYTES + "-byte body, got a longer one; read no "
                    + "further");
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
