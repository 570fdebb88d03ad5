package dev.jobmesh.loadgen.report;

import java.util.Map;

import dev.jobmesh.loadgen.resources.ResourceUsage;
import dev.jobmesh.loadgen.stats.LatencySummary;
import dev.jobmesh.loadgen.stats.ThroughputBound;

/**
 * One model x workload cell of a load test.
 *
 * @param jobsPerSecond correct results per second, from the first intended send to the last finish
 * @param resources     CPU cores and peak memory of each process during the cell, by process name
 */
public record CellResult(String model, String workload, String load, long submitted, long succeeded,
                         Map<String, Long> errors, double seconds, double jobsPerSecond, ThroughputBound bound,
                         double fractionOfBound, LatencySummary endToEnd, LatencySummary queueWait,
                         LatencySummary execution, Map<String, ResourceUsage> resources) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The worker service that ran this cell's model, as the local system names it. */
    public ResourceUsage worker() {
        return resources.get("worker-" + model);
    }
}
