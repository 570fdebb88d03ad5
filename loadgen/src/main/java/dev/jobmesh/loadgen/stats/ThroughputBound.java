package dev.jobmesh.loadgen.stats;

import java.time.Duration;

/**
 * The most jobs per second a cell of the matrix could reach, so a result reads as a fraction of what was possible:
 * waiting work ({@code sleep}, {@code http}) is bound by how many jobs may wait at once, CPU work by the cores,
 * and {@code noop} by the Kafka round trip measured on the same run.
 */
public record ThroughputBound(String reason, double jobsPerSecond) {

    /** Work that waits {@code wait} per job with at most {@code concurrency} jobs in flight. */
    public static ThroughputBound waiting(int concurrency, Duration wait) {
        return new ThroughputBound(concurrency + " in flight / " + wait.toMillis() + " ms",
                concurrency / (wait.toNanos() / 1e9));
    }

    /** CPU work taking {@code singleJob} on one core, spread over {@code cores}. */
    public static ThroughputBound cpu(int cores, Duration singleJob) {
        return new ThroughputBound(cores + " cores / " + singleJob.toNanos() / 1e6 + " ms per job",
                cores / (singleJob.toNanos() / 1e9));
    }

    /** A ceiling measured directly, such as the Kafka round trip for {@code noop}. */
    public static ThroughputBound measured(String what, double jobsPerSecond) {
        return new ThroughputBound(what, jobsPerSecond);
    }

    /** The achieved rate as a fraction of this bound. */
    public double fractionOf(double achievedJobsPerSecond) {
        return jobsPerSecond <= 0 ? 0 : achievedJobsPerSecond / jobsPerSecond;
    }
}
