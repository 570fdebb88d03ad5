package dev.jobmesh.gateway.api;

import java.util.List;

import dev.jobmesh.core.workload.FieldViolation;

/** A well-formed request the API cannot accept, with every field that is wrong. */
class InvalidRequestException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    InvalidRequestException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    List<FieldViolation> violations() {
        return violations;
    }
}
