package dev.jobmesh.system.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's Prometheus endpoint, read as the text format: a metric summed over the series that match. */
final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String managementUrl;

    Metrics(String managementUrl) {
        this.managementUrl = managementUrl;
    }

    String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of every series of the metric whose labels contain each of the given {@code name="value"} pairs. */
    double sum(String metric, String... labels) throws Exception {
        return sumOf(scrape(), metric, labels);
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
