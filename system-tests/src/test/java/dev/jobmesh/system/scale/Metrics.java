package dev.jobmesh.system.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A service's Prometheus endpoint, read as the text format: a metric summed over the series that match. Each read
 * asks for the one metric it sums: a whole scrape of a gateway (its histograms) once a second, and of every worker
 * twice a second, was a fifth of the gateway's allocation while a backlog drained, on the cores being measured.
 */
final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String managementUrl;

    Metrics(String managementUrl) {
        this.managementUrl = managementUrl;
    }

    /** The series of one metric (a counter by its sample name, {@code ..._total}). */
    String scrape(String metric) throws Exception {
        // the endpoint filters by family name, which for a counter is without its _total
        String family = metric.endsWith("_total") ? metric.substring(0, metric.length() - "_total".length()) : metric;
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus?includedNames="
                + family)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        // a name the filter misses would read as zero, which checks of zero would take for a pass
        if (!text.contains("# TYPE " + family + " ") && !text.contains("# TYPE " + metric + " ")) {
            throw new IllegalStateException("no metric " + metric + " at " + managementUrl);
        }
        return text;
    }

    /** The sum of every series of the metric whose labels contain each of the given {@code name="value"} pairs. */
    double sum(String metric, String... labels) throws Exception {
        return sumOf(scrape(metric), metric, labels);
    }

    static double sumOf(String text, String metric, String... labels) {
        double total = 0;
        for (String line : text.lines().toList()) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Heap in use, all areas. */
    double heapUsed() throws Exception {
        return sum("jvm_memory_used_bytes", "area=\"heap\"");
    }
}
