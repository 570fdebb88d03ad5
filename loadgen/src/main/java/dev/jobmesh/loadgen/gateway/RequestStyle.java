package dev.jobmesh.loadgen.gateway;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a load test hands jobs to the gateway and follows them to their outcomes: in batches, each waited for whole,
 * which measures the models; or one job per request, which measures the gateway the way a client submitting item by
 * item uses it.
 */
public sealed interface RequestStyle {

    /** Jobs that go in one submission. */
    int jobsPerRequest();

    /** Submits the jobs; the ids come back in request order once Kafka has them all. */
    List<String> submit(GatewayClient client, List<JobSpec> jobs) throws IOException, InterruptedException;

    /** Follows accepted jobs (id to intended send time, in request order) until their outcomes are read. */
    void follow(Outcomes outcomes, Map<String, Instant> accepted) throws InterruptedException;

    /** Where outcomes are read: by the submitting lane itself, or handed over to be read in the background. */
    interface Outcomes {

        /** Returns once every job has its outcome. */
        void await(Map<String, Instant> pending) throws InterruptedException;

        /** Returns at once, or once there is room for one more unfinished job. */
        void handOff(String id, Instant intended) throws InterruptedException;
    }

    /** How the report names it. */
    String describe();

    /** {@code POST /api/jobs/batch} with {@code size} jobs, then {@code POST /api/jobs/statuses} until all finished. */
    static RequestStyle batches(int size) {
        return new Batches(size);
    }

    /** {@code POST /api/jobs} with one job, its outcome read in the background with those of other jobs. */
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
        public void follow(Outcomes outcomes, Map<String, Instant> accepted) throws InterruptedException {
            outcomes.await(accepted);
        }

        @Override
        public String describe() {
            return "batches of " + size;
        }
    }

    /**
     * One job per request, as a client submitting work item by item does: it sends the next job as soon as the last
     * is accepted, not once it is finished, so the gateway's intake is measured rather than the round trip.
     */
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
        public void follow(Outcomes outcomes, Map<String, Instant> accepted) throws InterruptedException {
            for (Map.Entry<String, Instant> job : accepted.entrySet()) {
                outcomes.handOff(job.getKey(), job.getValue());
            }
        }

        @Override
        public String describe() {
            return "one job per request";
        }
    }
}
