package dev.jobmesh.core.workload;

import java.util.List;
import java.util.stream.Collectors;

/** One thing wrong with a request, naming the field as a JSON path such as {@code params.ms}. */
public record FieldViolation(String field, String message) {

    /**
     * The first {@code max} violations as one line, with how many were left out. Joined in one pass, so a
     * request with very many violations costs time in proportion to what is written, not its square.
     */
    public static String summary(List<FieldViolation> violations, String separator, int max) {
        String shown = violations.stream().limit(max).map(v -> v.field() + separator + v.message())
                .collect(Collectors.joining("; "));
        int more = violations.size() - Math.min(max, violations.size());
        return more == 0 ? shown : shown + "; and " + more + " more";
    }
}
