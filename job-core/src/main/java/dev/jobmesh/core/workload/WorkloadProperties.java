package dev.jobmesh.core.workload;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.jobmesh.core.Ports;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the workloads, shared by the gateway (which checks params at submission) and the workers.
 *
 * @param http The http workload's target, allowlist and request timeout.
 */
@ConfigurationProperties("jobmesh.workloads")
public record WorkloadProperties(@DefaultValue Http http) {

    /**
     * The http workload.
     *
     * @param defaultUrl     Fetched when a job gives no params.url.
     * @param allowedHosts   host:port or host entries a job may fetch. Defaults to the host and port of the default URL.
     * @param requestTimeout How long one GET may take.
     * @param maxConnections Keep-alive connections of the blocking models (threads, virtual) to one host; requests
     *                       beyond them wait for a free one. As many as a worker's jobs in flight by default.
     * @param maxIdleTime    How long an unused keep-alive connection stays open: the pool shrinks back after a burst
     *                       instead of holding a socket for every job that ever ran at once.
     */
    public record Http(@DefaultValue("http://127.0.0.1:" + Ports.TARGET + "/") URI defaultUrl, List<String> allowedHosts,
                       @DefaultValue("10s") Duration requestTimeout, @DefaultValue("1000") int maxConnections,
                       @DefaultValue("30s") Duration maxIdleTime) {

        public Http {
            Assert.isTrue(defaultUrl.isAbsolute() && defaultUrl.getHost() != null,
                    () -> "jobmesh.workloads.http.default-url must be an absolute http URL, was " + defaultUrl);
            allowedHosts = allowedHosts == null || allowedHosts.isEmpty()
                    ? List.of(defaultUrl.getHost() + ":" + (defaultUrl.getPort() == -1 ? 80 : defaultUrl.getPort()))
                    : List.copyOf(allowedHosts);
            Assert.isTrue(requestTimeout.isPositive(),
                    () -> "jobmesh.workloads.http.request-timeout must be positive, was " + requestTimeout);
            Assert.isTrue(maxConnections >= 1,
                    () -> "jobmesh.workloads.http.max-connections must be at least 1, was " + maxConnections);
            Assert.isTrue(maxIdleTime.isPositive(),
                    () -> "jobmesh.workloads.http.max-idle-time must be positive, was " + maxIdleTime);
        }
    }
}
