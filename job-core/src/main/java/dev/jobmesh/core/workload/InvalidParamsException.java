package dev.jobmesh.core.workload;

import java.util.List;

/** A job's params that its workload cannot run with. */
public class InvalidParamsException extends RuntimeException {

    /** Most violations named in the message; the list keeps them all. */
    private static final int MESSAGE_VIOLATIONS = 20;

    private final transient List<FieldViolation> violations;

    public InvalidParamsException(List<FieldViolation> violations) {
        super(FieldViolation.summary(violations, ": ", MESSAGE_VIOLATIONS));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
