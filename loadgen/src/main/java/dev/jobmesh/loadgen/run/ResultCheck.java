package dev.jobmesh.loadgen.run;

import java.util.Map;
import java.util.Optional;

/** What a correct result of one workload looks like; a wrong one counts as an error. */
@FunctionalInterface
public interface ResultCheck {

    /** Why {@code result} is wrong, or empty when it is right. */
    Optional<String> problem(Map<String, Object> result);

    /** Why the result of a job of {@code type} is wrong; a workload of one type checks the result alone. */
    default Optional<String> problem(String type, Map<String, Object> result) {
        return problem(result);
    }

    /** Each job checked by the check of its own type: a mixed load's. */
    static ResultCheck byType(Map<String, ResultCheck> checks) {
        return new ResultCheck() {
            @Override
            public Optional<String> problem(Map<String, Object> result) {
                return Optional.of("a mixed load's result is checked by its job's type");
            }

            @Override
            public Optional<String> problem(String type, Map<String, Object> result) {
                ResultCheck check = checks.get(type);
                return check == null ? Optional.of("a job of type " + type + " is not in the mix") : check.problem(result);
            }
        };
    }

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
