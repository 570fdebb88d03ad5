package dev.jobmesh.loadgen.run;

import java.time.Duration;
import java.util.List;

import dev.jobmesh.loadgen.gateway.RequestStyle;

/**
 * What a load test runs: every workload on every model, each cell for {@code jobsPerCell} jobs or for
 * {@code duration}, shaped by {@code shape}, after an unmeasured warm-up of the same load.
 *
 * @param maxUnfinished  with one job per request: jobs accepted but not finished at most
 * @param kafkaBootstrap where to measure the Kafka round trip (the noop bound); null skips it
 */
public record LoadPlan(List<String> models, List<LoadWorkload> workloads, int cpuLimit, LoadShape shape, RequestStyle requests,
                       long jobsPerCell, Duration duration, Duration warmUp, Duration awaitLimit, int maxUnfinished,
                       int cores, String kafkaBootstrap, int roundTripRecords) {
}
