package dev.jobmesh.core.workload;

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

    public Optional<Workload<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
