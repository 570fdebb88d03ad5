package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.loadgen.gateway.JobSpec;

/**
 * One of the workloads a load test submits: its parameters, the check of its result and how long one job waits
 * (sleep and http, whose bound is concurrency / wait) - the same jobs the matrix always runs, so runs compare.
 */
public record LoadWorkload(String type, Map<String, Object> params, ResultCheck check, Duration waitPerJob) {

    public static final List<String> NAMES = List.of("noop", "sleep", "http", "cpu");

    /** The standard job of a workload: noop, sleep 50 ms, http to the bundled target (50 ms), cpu to 200000. */
    public static LoadWorkload named(String name, int cpuLimit, int sleepMs) {
        return switch (name) {
            case "noop" -> new LoadWorkload("noop", Map.of(), result -> java.util.Optional.empty(), null);
            case "sleep" -> new LoadWorkload("sleep", Map.of("ms", sleepMs),
                    ResultCheck.numberEquals("sleptMs", sleepMs), Duration.ofMillis(sleepMs));
            case "http" -> new LoadWorkload("http", Map.of(),
                    ResultCheck.all(ResultCheck.numberEquals("status", 200), ResultCheck.numberEquals("bytes", 1024)),
                    Duration.ofMillis(50));
            case "cpu" -> new LoadWorkload("cpu", Map.of("limit", cpuLimit),
                    ResultCheck.numberEquals("primes", PrimeSieve.count(cpuLimit)), null);
            default -> throw new IllegalArgumentException(
                    "unknown workload '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        };
    }

    public JobSpec job(String model) {
        return new JobSpec(type, model, params);
    }
}
