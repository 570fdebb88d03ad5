package dev.jobmesh.core.workload;

import java.time.Duration;

import dev.jobmesh.core.dispatch.TimeLimits;
import dev.jobmesh.core.job.Job;

/** A job's own {@code timeoutMs}, else its workload's default limit. */
public final class WorkloadTimeLimits implements TimeLimits {

    private static final Duration UNKNOWN_TYPE_LIMIT = Duration.ofMinutes(2);

    private final WorkloadCatalog catalog;

    public WorkloadTimeLimits(WorkloadCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Duration limitFor(Job job) {
        return job.timeout(catalog.find(job.type()).map(Workload::defaultTimeout).orElse(UNKNOWN_TYPE_LIMIT));
    }
}
