package dev.jobmesh.worker.async.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event-loop forms of the workloads, by job type. */
public final class LoopWorkloads {

    private final Map<String, LoopWorkload> byType = new LinkedHashMap<>();

    public LoopWorkloads(List<LoopWorkload> workloads) {
        for (LoopWorkload workload : workloads) {
            byType.put(workload.type(), workload);
        }
    }

    public Optional<LoopWorkload> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The form serving each type, for the start-up log. */
    public Map<String, String> describe() {
        Map<String, String> forms = new LinkedHashMap<>();
        byType.forEach((type, workload) -> forms.put(type, workload.getClass().getSimpleName()));
        return forms;
    }
}
