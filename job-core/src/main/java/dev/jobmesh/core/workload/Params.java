package dev.jobmesh.core.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads one job's params, collecting every violation instead of stopping at the first,
 * so a client learns all that is wrong with a request at once.
 */
public final class Params {

    /** Most params a job may carry; no workload takes more than a few, so more is a mistake or an attack. */
    public static final int MAX_PARAMS = 32;

    private final Map<String, Object> raw;
    private final List<FieldViolation> violations = new ArrayList<>();

    public Params(@Nullable Map<String, Object> raw, Set<String> known) {
        this.raw = raw == null ? Map.of() : raw;
        if (this.raw.size() > MAX_PARAMS) {
            // One violation, not one per key: a request must not buy work or an answer in proportion to its keys.
            violations.add(new FieldViolation("params", "has " + this.raw.size() + " entries; at most " + MAX_PARAMS));
            return;
        }
        for (String name : this.raw.keySet()) {
            if (!known.contains(name)) {
                violations.add(new FieldViolation(field(name), "unknown parameter; known: " + String.join(", ", known)));
            }
        }
    }

    /** An integer param within [min, max], or the default when absent. */
    public long integer(String name, long defaultValue, long min, long max) {
        Object value = raw.get(name);
        if (value == null) {
            return defaultValue;
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            number = n.longValue();
        } else {
            violations.add(new FieldViolation(field(name), "must be an integer"));
            return defaultValue;
        }
        if (number < min || number > max) {
            violations.add(new FieldViolation(field(name), "must be between " + min + " and " + max));
            return defaultValue;
        }
        return number;
    }

    /** A string param, or the default when absent. */
    public String string(String name, String defaultValue) {
        Object value = raw.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            violations.add(new FieldViolation(field(name), "must be a non-empty string"));
            return defaultValue;
        }
        return s;
    }

    /** Records a violation found by the workload's own checks. */
    public void reject(String name, String message) {
        violations.add(new FieldViolation(field(name), message));
    }

    /** Throws when any param was wrong. */
    public void requireValid() {
        if (!violations.isEmpty()) {
            throw new InvalidParamsException(violations);
        }
    }

    private static String field(String name) {
        return "params." + name;
    }
}
