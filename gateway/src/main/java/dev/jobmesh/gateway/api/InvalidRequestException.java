package dev.jobmesh.gateway.api;

import java.util.List;

import dev.jobmesh.core.workload.FieldViolation;

/** A well-formed request the API cannot accept, with the first fields that are wrong and how many there were. */
class InvalidRequestException extends RuntimeException {

    /** Most violations a problem body lists; {@code errorCount} tells a client how many there were in all. */
    static final int MAX_REPORTED = 20;

    private final transient List<FieldViolation> violations;
    private final int count;

    InvalidRequestException(List<FieldViolation> violations) {
        super(FieldViolation.summary(violations, " ", MAX_REPORTED));
        this.violations = List.copyOf(violations.subList(0, Math.min(MAX_REPORTED, violations.size())));
        this.count = violations.size();
    }

    /** The first {@link #MAX_REPORTED} violations. */
    List<FieldViolation> violations() {
        return violations;
    }

    /** How many violations the request had in all. */
    int count() {
        return count;
    }
}
