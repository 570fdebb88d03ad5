package dev.jobmesh.core.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A full snapshot of one job, as written to {@code jobs.status} keyed by job id.
 * Snapshots rather than deltas, so the latest record of a key alone describes the job.
 *
 * @param result   the workload's result; only once SUCCEEDED
 * @param error    why the last run failed or the job was cancelled; null while all is well
 * @param worker   the worker that ran it last; null until one starts it
 * @param notBefore while QUEUED for a retry, when the next run may start
 * @param owner     the name of the API key that submitted the job; null when the gateway checks no keys
 * @param routing   how the gateway chose the model of a job submitted with model {@code auto}; null otherwise
 */
@JsonPropertyOrder({"v", "id", "owner"})
public record JobState(
        String id,
        JobStatus status,
        String type,
        Model model,
        Map<String, Object> params,
        @Nullable Map<String, Object> result,
        @Nullable JobError error,
        @Nullable String worker,
        int attempts,
        @Nullable Instant submittedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant notBefore,
        int generation,
        List<JobAttempt> history,
        @Nullable String submittedBy,
        @Nullable String owner,
        @Nullable Routing routing) {

    public JobState {
        params = params == null ? Map.of() : params;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A snapshot of a job whose model was given, not chosen. */
    public JobState(String id, JobStatus status, String type, Model model, Map<String, Object> params,
                    @Nullable Map<String, Object> result, @Nullable JobError error, @Nullable String worker, int attempts,
                    @Nullable Instant submittedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                    @Nullable Instant notBefore, int generation, List<JobAttempt> history, @Nullable String submittedBy,
                    @Nullable String owner) {
        this(id, status, type, model, params, result, error, worker, attempts, submittedAt, startedAt, finishedAt,
                notBefore, generation, history, submittedBy, owner, null);
    }

    /** The envelope version, written first so a reader can tell old records from new ones. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }

    /** The snapshot the gateway writes together with the job itself. */
    public static JobState queued(Job job) {
        return new JobState(job.id(), JobStatus.QUEUED, job.type(), job.model(), job.params(), null, null, null,
                job.history().size(), job.submittedAt(), null, null, job.notBefore(), job.generation(), job.history(),
                job.submittedBy(), job.owner(), job.routing());
    }

    /** The snapshot a worker writes as it starts the job's run number {@code attempt}. */
    public static JobState running(Job job, int attempt, String worker, Instant startedAt) {
        return new JobState(job.id(), JobStatus.RUNNING, job.type(), job.model(), job.params(), null, null, worker,
                attempt, job.submittedAt(), startedAt, null, null, job.generation(), job.history(), job.submittedBy(),
                job.owner(), job.routing());
    }

    /** The terminal snapshot for a job that ended after {@code attempts} runs, its last run included in the history. */
    public static JobState finished(Job job, int attempts, String worker, JobOutcome outcome, Instant startedAt,
                                    Instant finishedAt) {
        return new JobState(job.id(), outcome.status(), job.type(),
                job.model(), job.params(), outcome.result(), outcome.error(), worker, attempts,
                job.submittedAt(), startedAt, finishedAt, null, job.generation(),
                withRun(job.history(), new JobAttempt(attempts, worker, startedAt, finishedAt, outcome.error())),
                job.submittedBy(), job.owner(), job.routing());
    }

    /** The terminal snapshot of a job cancelled before it ever ran here. */
    public static JobState cancelled(Job job, String worker, Instant at) {
        return new JobState(job.id(), JobStatus.CANCELLED, job.type(), job.model(), job.params(), null,
                new JobError(JobError.CANCELLED, "cancelled before it started"), worker, job.history().size(),
                job.submittedAt(), null, at, null, job.generation(), job.history(), job.submittedBy(), job.owner(),
                job.routing());
    }

    /** This queued job, cancelled at {@code at} before any worker started it. */
    public JobState cancelledWhileQueued(Instant at) {
        return new JobState(id, JobStatus.CANCELLED, type, model, params, null,
                new JobError(JobError.CANCELLED, "cancelled before it started"), worker, attempts, submittedAt,
                startedAt, at, null, generation, history, submittedBy, owner, routing);
    }

    /** The snapshot of a job that failed a run and waits to run again as {@code retry}. */
    public static JobState retrying(Job retry, String worker, JobError error, Instant startedAt, Instant finishedAt) {
        return new JobState(retry.id(), JobStatus.QUEUED, retry.type(), retry.model(), retry.params(), null, error,
                worker, retry.history().size(), retry.submittedAt(), startedAt, finishedAt, retry.notBefore(),
                retry.generation(), retry.history(), retry.submittedBy(), retry.owner(), retry.routing());
    }

    /** The history with one more run at its end. */
    public static List<JobAttempt> withRun(List<JobAttempt> history, JobAttempt run) {
        List<JobAttempt> runs = new ArrayList<>(history);
        runs.add(run);
        return runs;
    }
}
