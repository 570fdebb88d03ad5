package dev.jobmesh.core.job;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A full snapshot of one job, as written to {@code jobs.status} keyed by job id.
 * Snapshots rather than deltas, so the latest record of a key alone describes the job.
 */
@JsonPropertyOrder({"v", "id"})
public record JobState(
        String id,
        JobStatus status,
        String type,
        Model model,
        Map<String, Object> params,
        Map<String, Object> result,
        JobError error,
        String worker,
        int attempts,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt) {

    /** The envelope version, written first so a reader can tell old records from new ones. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }

    /** The snapshot the gateway writes together with the job itself. */
    public static JobState queued(Job job) {
        return new JobState(job.id(), JobStatus.QUEUED, job.type(), job.model(), job.params(), null, null, null,
                0, job.submittedAt(), null, null);
    }

    /** The snapshot a worker writes as it starts the job's run number {@code attempt}. */
    public static JobState running(Job job, int attempt, String worker, Instant startedAt) {
        return new JobState(job.id(), JobStatus.RUNNING, job.type(), job.model(), job.params(), null, null, worker,
                attempt, job.submittedAt(), startedAt, null);
    }

    /** The terminal snapshot for a job that ended after {@code attempts} runs. */
    public static JobState finished(Job job, int attempts, String worker, JobOutcome outcome, Instant startedAt,
                                    Instant finishedAt) {
        return new JobState(job.id(), outcome.succeeded() ? JobStatus.SUCCEEDED : JobStatus.FAILED, job.type(),
                job.model(), job.params(), outcome.result(), outcome.error(), worker, attempts,
                job.submittedAt(), startedAt, finishedAt);
    }
}
