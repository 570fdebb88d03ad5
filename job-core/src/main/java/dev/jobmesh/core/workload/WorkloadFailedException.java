package dev.jobmesh.core.workload;

import dev.jobmesh.core.job.JobError;

/** A workload ran but its work did not give the expected answer; carries the {@link JobError} code. */
public class WorkloadFailedException extends RuntimeException {

    private final String code;

    public WorkloadFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public WorkloadFailedException(String message) {
        this(JobError.WORKLOAD_ERROR, message);
    }

    public String code() {
        return code;
    }
}
