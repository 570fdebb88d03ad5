package dev.jobmesh.core.workload;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The workloads a service knows, by type. */
public final class WorkloadCatalog {

    private final Map<String, Workload<?>> byType = new LinkedHashMap<>();

    public WorkloadCatalog(List<Workload<?>> workloads) {
        for (Workload<?> workload : workloads) {
            byType.put(workload.type(), workload);
        }
    }

    /** The four workloads every model runs; the http one fetches with {@code client} as {@code http} says. */
    public static WorkloadCatalog standard(HttpClient client, WorkloadProperties.Http http) {
        return new WorkloadCatalog(List.of(
                new NoopWorkload(),
                new SleepWorkload(),
                new HttpWorkload(client, new HttpAllowlist(http.allowedHosts()), http.defaultUrl(), http.requestTimeout()),
                new CpuWorkload()));
    }

    /**
     * The client of the http workload, alike in every model (a child process makes its own). HTTP/1.1: the target
     * speaks plain HTTP/1.1 with keep-alive, so no h2c upgrade round trip per connection.
     */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Optional<Workload<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
