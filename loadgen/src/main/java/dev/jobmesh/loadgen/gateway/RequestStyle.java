package dev.jobmesh.loadgen.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * How a load test hands jobs to the gateway and asks for their outcomes: in batches, which measures the models,
 * or one job per request, which measures the gateway the way most clients use it.
 */
public sealed interface RequestStyle {

    /** Jobs that go in one submission. */
    int jobsPerRequest();

    /** Submits the jobs; the ids come back in request order once Kafka has them all. */
    List<String> submit(GatewayClient client, List<JobSpec> jobs) throws IOException, InterruptedException;

    /** The jobs' statuses, waiting up to {@code wait} for them to finish. */
    GatewayClient.Statuses statuses(GatewayClient client, List<String> ids, Duration wait)
            throws IOException, InterruptedException;

    /** How the report names it. */
    String describe();

    /** {@code POST /api/jobs/batch} with {@code size} jobs, then {@code POST /api/jobs/statuses}. */
    static RequestStyle batches(int size) {
        return new Batches(size);
    }

    /** {@code POST /api/jobs} with one job, then {@code GET /api/jobs/{id}?waitMs=}. */
    static RequestStyle singleJobs() {
        return new SingleJobs();
    }

    /** Many jobs per request. */
    record Batches(int size) implements RequestStyle {

        public Batches {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("--batch must be 1..10000: " + size);
            }
        }

        @Override
        public int jobsPerRequest() {
            return size;
        }

        @Override
        public List<String> submit(GatewayClient client, List<JobSpec> jobs) throws IOException, InterruptedException {
            return client.submit(jobs);
        }

        @Override
        public GatewayClient.Statuses statuses(GatewayClient client, List<String> ids, Duration wait)
                throws IOException, InterruptedException {
            return client.statuses(ids, wait);
        }

        @Override
        public String describe() {
            return "batches of " + size;
        }
    }

    /** One job per request, as a client submitting work item by item does. */
    record SingleJobs() implements RequestStyle {

        @Override
        public int jobsPerRequest() {
            return 1;
        }

        @Override
        public List<String> submit(GatewayClient client, List<JobSpec> jobs) throws IOException, InterruptedException {
            if (jobs.size() != 1) {
                throw new IllegalArgumentException("one job per request, not " + jobs.size());
            }
            return List.of(client.submitOne(jobs.getFirst()));
        }

        @Override
        public GatewayClient.Statuses statuses(GatewayClient client, List<String> ids, Duration wait)
                throws IOException, InterruptedException {
            if (ids.size() != 1) {
                throw new IllegalArgumentException("one job per request, not " + ids.size());
            }
            return client.job(ids.getFirst(), wait)
                    .map(job -> new GatewayClient.Statuses(List.of(job), List.of()))
                    .orElseGet(() -> new GatewayClient.Statuses(List.of(), ids));
        }

        @Override
        public String describe() {
            return "one job per request";
        }
    }
}
