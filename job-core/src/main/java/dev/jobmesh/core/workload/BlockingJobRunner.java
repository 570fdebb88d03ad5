package dev.jobmesh.core.workload;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;

/** Runs a job's workload on the calling thread and turns whatever happens into an outcome. */
public final class BlockingJobRunner {

    private final WorkloadCatalog catalog;

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
        } catch (InvalidParamsException e) {
            return JobOutcome.failure(JobError.INVALID_PARAMS, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JobOutcome.failure(JobError.INTERRUPTED, "interrupted while running");
        } catch (Exception e) {
            return JobOutcome.failure(JobError.WORKLOAD_ERROR, describe(e));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
