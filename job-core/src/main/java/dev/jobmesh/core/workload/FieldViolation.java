package dev.jobmesh.core.workload;

/** One thing wrong with a request, naming the field as a JSON path such as {@code params.ms}. */
public record FieldViolation(String field, String message) {
}
