package dev.jobmesh.loadgen.run;

import java.util.Map;
import java.util.Optional;

/** What a correct result of one workload looks like; a wrong one counts as an error. */
@FunctionalInterface
public interface ResultCheck {

    /** Why {@code result} is wrong, or empty when it is right. */
    Optional<String> problem(Map<String, Object> result);

    /** The result must hold {@code field} with exactly {@code expected} (compared as numbers). */
    static ResultCheck numberEquals(String field, long expected) {
        return result -> {
            Object value = result == null ? null : result.get(field);
            if (value instanceof Number number && number.longValue() == expected) {
                return Optional.empty();
            }
            return Optional.of(field + " was " + value + ", expected " + expected);
        };
    }

    /** Every check must pass. */
    static ResultCheck all(ResultCheck... checks) {
        return result -> {
            for (ResultCheck check : checks) {
                Optional<String> problem = check.problem(result);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        };
    }
}
