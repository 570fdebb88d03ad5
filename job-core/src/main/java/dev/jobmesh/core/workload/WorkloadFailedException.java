package dev.jobmesh.core.workload;

/** A workload ran but its work did not give the expected answer. */
public class WorkloadFailedException extends RuntimeException {

    public WorkloadFailedException(String message) {
        super(message);
    }
}
