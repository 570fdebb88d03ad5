package dev.jobmesh.core.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** The workloads a service knows, by type. */
public final class WorkloadCatalog {

    private final Map<String, Workload<?>> byType = new LinkedHashMap<>();

    public WorkloadCatalog(List<Workload<?>> workloads) {
        for (Workload<?> workload : workloads) {
            byType.put(workload.type(), workload);
        }
    }

    /** The four workloads every model runs; the http one fetches with {@code client} as {@code http} says. */
    public static WorkloadCatalog standard(CloseableHttpClient client, WorkloadProperties.Http http) {
        return new WorkloadCatalog(List.of(
                new NoopWorkload(),
                new SleepWorkload(),
                new HttpWorkload(client, new HttpAllowlist(http.allowedHosts()), http.defaultUrl()),
                new CpuWorkload()));
    }

    /**
     * The client of the http workload in the blocking models (a child process makes its own): Apache HttpClient's
     * classic API, which reads the response on the job's own thread - what a thread-per-job model means - from a
     * bounded pool of keep-alive HTTP/1.1 connections. The JDK's client, used before, runs every request through its
     * own selector thread and futures even when called blocking: two to three times the CPU per request.
     * Connections idle past {@code http.maxIdleTime} are closed by the client's evictor thread; the pool hands out the
     * most recently used first, so after a burst the surplus goes idle and is closed.
     * No redirects, retries or cookies: a job is one GET.
     */
    public static CloseableHttpClient httpClient(WorkloadProperties.Http http) {
        Timeout requestTimeout = Timeout.of(http.requestTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(http.maxConnections())
                        .setMaxConnPerRoute(http.maxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(requestTimeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(requestTimeout)
                        .setResponseTimeout(requestTimeout)
                        .build())
                .evictIdleConnections(TimeValue.of(http.maxIdleTime()))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    public Optional<Workload<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
