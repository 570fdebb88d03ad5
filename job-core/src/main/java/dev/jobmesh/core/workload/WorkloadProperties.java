package dev.jobmesh.core.workload;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the workloads, shared by the gateway (which checks params at submission) and the workers.
 *
 * @param http the {@code http} workload's target, allowlist and request timeout
 */
@ConfigurationProperties("jobmesh.workloads")
public record WorkloadProperties(Http http) {

    public WorkloadProperties {
        http = http == null ? new Http(null, null, null) : http;
    }

    /**
     * @param defaultUrl     fetched when a job gives no {@code params.url}
     * @param allowedHosts   {@code host:port} or {@code host} entries a job may fetch
     * @param requestTimeout how long one GET may take
     */
    public record Http(URI defaultUrl, List<String> allowedHosts, Duration requestTimeout) {

        public Http {
            defaultUrl = defaultUrl == null ? URI.create("http://127.0.0.1:8090/") : defaultUrl;
            allowedHosts = allowedHosts == null || allowedHosts.isEmpty()
                    ? List.of(defaultUrl.getHost() + ":" + (defaultUrl.getPort() == -1 ? 80 : defaultUrl.getPort()))
                    : List.copyOf(allowedHosts);
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        }
    }
}
