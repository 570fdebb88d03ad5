package dev.jobmesh.loadgen.report;

import java.time.Instant;
import java.util.List;

import dev.jobmesh.loadgen.stats.ThroughputBound;

/** Everything a load test produced: where it ran, how it was calibrated, and every cell. */
public record RunReport(Instant startedAt, Machine machine, Settings settings, Calibration calibration,
                        List<CellResult> cells) {

    /** The machine the test ran on. */
    public record Machine(int cores, String cpu, long memoryMb, String os, String java) {
    }

    /** The options of the run. */
    public record Settings(String gateway, List<String> models, List<String> workloads, String load, String requests,
                           long jobsPerCell, Double secondsPerCell, Double warmUpSeconds) {
    }

    /**
     * @param cpuSingleJobMs median time of one cpu job's work on one core, or null when cpu was not run
     * @param kafkaRoundTrip the measured Kafka ceiling of a noop job, or null when noop was not run
     */
    public record Calibration(Double cpuSingleJobMs, ThroughputBound kafkaRoundTrip) {
    }
}
