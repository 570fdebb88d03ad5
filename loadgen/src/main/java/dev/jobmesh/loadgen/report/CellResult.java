package dev.jobmesh.loadgen.report;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.jobmesh.loadgen.gateway.JobSpec;
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

    /**
     * Microseconds of CPU each process spent per correct result while the cell ran: its average cores over the
     * cell's rate, so a change in a service's own cost per job shows whatever the throughput.
     */
    @JsonProperty
    public Map<String, Double> cpuMicrosPerJob() {
        Map<String, Double> perJob = new LinkedHashMap<>();
        if (jobsPerSecond > 0) {
            resources.forEach((process, usage) -> perJob.put(process, usage.cores() / jobsPerSecond * 1e6));
        }
        return perJob;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The worker service that ran this cell's model, as the local system names it; for model auto, which may use
     * every worker, all of them together (their cores and their peak RSS added up).
     */
    public ResourceUsage worker() {
        if (!JobSpec.AUTO.equals(model)) {
            return resources.get("worker-" + model);
        }
        double cores = 0;
        long rss = 0;
        boolean any = false;
        for (var usage : resources.entrySet()) {
            if (usage.getKey().startsWith("worker-")) {
                cores += usage.getValue().cores();
                rss += usage.getValue().peakRssBytes();
                any = true;
            }
        }
        return any ? new ResourceUsage(cores, rss) : null;
    }
}
