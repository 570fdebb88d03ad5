package dev.jobmesh.core.workload;

import java.util.List;

/** A job's params that its workload cannot run with. */
public class InvalidParamsException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidParamsException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
