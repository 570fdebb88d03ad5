package dev.jobmesh.core.workload;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;

/** Runs a job's workload on the calling thread and turns whatever happens into an outcome. */
public final class BlockingJobRunner {

    private final WorkloadCatalog catalog;
    private final WorkloadFailures failures = new WorkloadFailures();

    public BlockingJobRunner(WorkloadCatalog catalog) {
        this.catalog = catalog;
    }

    public JobOutcome run(Job job) {
        Workload<?> workload = catalog.find(job.type()).orElse(null);
        if (workload == null) {
            return JobOutcome.failure(JobError.UNKNOWN_TYPE, "no workload of type '" + job.type() + "'");
        }
        try {
            return JobOutcome.success(workload.parseAndRun(job.params()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failures.outcome(e);
        }
    }
}
