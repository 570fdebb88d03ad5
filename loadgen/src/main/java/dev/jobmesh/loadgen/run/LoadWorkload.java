package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobmesh.loadgen.gateway.JobSpec;

/**
 * One of the workloads a load test submits: its parameters, the check of its result and how long one job waits
 * (sleep and http, whose bound is concurrency / wait) - the same jobs the matrix always runs, so runs compare.
 * The {@code mixed} workload interleaves the four, one job of each in turn, each checked as its own type.
 *
 * @param mix the workloads a mixed one interleaves; empty for a workload of one type
 */
public record LoadWorkload(String type, Map<String, Object> params, ResultCheck check, Duration waitPerJob,
                           List<LoadWorkload> mix) {

    /** The matrix's workloads, one type each. */
    public static final List<String> NAMES = List.of("noop", "sleep", "http", "cpu");
    /** The four interleaved. */
    public static final String MIXED = "mixed";

    public LoadWorkload {
        mix = List.copyOf(mix);
    }

    private LoadWorkload(String type, Map<String, Object> params, ResultCheck check, Duration waitPerJob) {
        this(type, params, check, waitPerJob, List.of());
    }

    /** The standard job of a workload: noop, sleep 50 ms, http to the bundled target (50 ms), cpu to 200000; or mixed. */
    public static LoadWorkload named(String name, int cpuLimit, int sleepMs) {
        return switch (name) {
            case "noop" -> new LoadWorkload("noop", Map.of(), result -> Optional.empty(), null);
            case "sleep" -> new LoadWorkload("sleep", Map.of("ms", sleepMs),
                    ResultCheck.numberEquals("sleptMs", sleepMs), Duration.ofMillis(sleepMs));
            case "http" -> new LoadWorkload("http", Map.of(),
                    ResultCheck.all(ResultCheck.numberEquals("status", 200), ResultCheck.numberEquals("bytes", 1024)),
                    Duration.ofMillis(50));
            case "cpu" -> new LoadWorkload("cpu", Map.of("limit", cpuLimit),
                    ResultCheck.numberEquals("primes", PrimeSieve.count(cpuLimit)), null);
            case MIXED -> mixed(cpuLimit, sleepMs);
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ", " + MIXED + ")");
        };
    }

    private static LoadWorkload mixed(int cpuLimit, int sleepMs) {
        List<LoadWorkload> parts = NAMES.stream().map(name -> named(name, cpuLimit, sleepMs)).toList();
        Map<String, ResultCheck> checks = new LinkedHashMap<>();
        parts.forEach(part -> checks.put(part.type(), part.check()));
        return new LoadWorkload(MIXED, Map.of(), ResultCheck.byType(checks), null, parts);
    }

    /** One job of a workload of one type. */
    public JobSpec job(String model) {
        if (!mix.isEmpty()) {
            throw new IllegalStateException("a mixed workload's jobs differ: ask for jobs(model, count, first)");
        }
        return new JobSpec(type, model, params);
    }

    /** The {@code count} jobs from the {@code first}-th of this workload's sequence (a mix takes its types in turn). */
    public List<JobSpec> jobs(String model, int count, long first) {
        if (mix.isEmpty()) {
            return Collections.nCopies(count, job(model));
        }
        List<JobSpec> jobs = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            jobs.add(mix.get((int) (i % mix.size())).job(model));
        }
        return jobs;
    }
}
