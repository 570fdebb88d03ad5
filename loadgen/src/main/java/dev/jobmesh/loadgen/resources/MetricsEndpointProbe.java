package dev.jobmesh.loadgen.resources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a jobmesh service's own metrics endpoint: {@code process_tree_cpu_time_seconds_total} and
 * {@code process_memory_rss_bytes}, which for worker-processes include its child processes.
 */
public final class MetricsEndpointProbe implements ResourceProbe {

    static final String CPU = "process_tree_cpu_time_seconds_total";
    static final String RSS = "process_memory_rss_bytes";

    private final String name;
    private final URI endpoint;
    private final HttpClient http;

    public MetricsEndpointProbe(String name, URI endpoint, HttpClient http) {
        this.name = name;
        this.endpoint = onlyWhatItReads(endpoint);
        this.http = http;
    }

    /**
     * The endpoint asked for the two meters alone (Spring Boot's {@code includedNames}): a gateway's whole
     * exposition is half a megabyte of histograms, and scraping it every second would be load the test puts on
     * what it measures.
     */
    static URI onlyWhatItReads(URI endpoint) {
        if (endpoint.getQuery() != null) {
            return endpoint;
        }
        String families = CPU.substring(0, CPU.length() - "_total".length()) + "," + RSS;
        return URI.create(endpoint + "?includedNames=" + families);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Sample> sample() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The two values from Prometheus text exposition, or empty when either is missing. */
    static Optional<Sample> parse(String exposition) {
        Double cpu = null;
        Double rss = null;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(CPU + " ") || line.startsWith(CPU + "{")) {
                cpu = value(line);
            } else if (line.startsWith(RSS + " ") || line.startsWith(RSS + "{")) {
                rss = value(line);
            }
        }
        return cpu == null || rss == null ? Optional.empty() : Optional.of(new Sample(cpu, rss.longValue()));
    }

    private static double value(String line) {
        // "name value" or "name{labels} value", optionally followed by a timestamp.
        int end = line.indexOf('}');
        String rest = end >= 0 ? line.substring(end + 1) : line.substring(line.indexOf(' '));
        return Double.parseDouble(rest.trim().split("\\s+")[0]);
    }
}
