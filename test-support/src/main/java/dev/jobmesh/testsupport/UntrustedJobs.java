package dev.jobmesh.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.JobError;

/**
 * Jobs a worker must fail without running them, as anyone who can write to a jobs topic could send them - the
 * gateway would have refused each one.
 */
public final class UntrustedJobs {

    /** One such job and the error code it must end with. */
    public record Case(String what, String type, Map<String, Object> params, String code) {
    }

    private UntrustedJobs() {
    }

    public static List<Case> cases() {
        Map<String, Object> tooMany = new LinkedHashMap<>();
        for (int i = 0; i < 33; i++) {
            tooMany.put("p" + i, i);
        }
        return List.of(
                new Case("a URL off the allowlist", "http", Map.of("url", "http://example.org/"), JobError.INVALID_PARAMS),
                new Case("a file URL", "http", Map.of("url", "file:///etc/passwd"), JobError.INVALID_PARAMS),
                new Case("a sleep out of bounds", "sleep", Map.of("ms", 10_000_000), JobError.INVALID_PARAMS),
                new Case("a cpu limit out of bounds", "cpu", Map.of("limit", Long.MAX_VALUE), JobError.INVALID_PARAMS),
                new Case("a param of the wrong type", "cpu", Map.of("limit", "many"), JobError.INVALID_PARAMS),
                new Case("an oversized unknown param", "noop", Map.of("padding", "x".repeat(512 * 1024)),
                        JobError.INVALID_PARAMS),
                new Case("more params than any job takes", "noop", tooMany, JobError.INVALID_PARAMS),
                new Case("an unknown type", "teleport", Map.of(), JobError.UNKNOWN_TYPE));
    }
}
