package dev.jobmesh.core.job;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A job that failed for good, or a record that could not even be read, as kept on {@code jobs.dlt}.
 *
 * @param id       the job id, or for an unreadable record a key naming where it was found
 * @param job      the job as it last ran; null for an unreadable record
 * @param error    why it ended up here
 * @param history  every run, oldest first
 * @param worker   the worker that gave up on it
 * @param failedAt when
 * @param raw      the unreadable record itself; null for a job
 */
@JsonPropertyOrder({"v", "id"})
public record DeadLetter(String id, @Nullable Job job, JobError error, List<JobAttempt> history, String worker,
                         Instant failedAt, @Nullable RawRecord raw) {

    /** The envelope version. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }

    public DeadLetter {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The letter for a record of a jobs topic that is not a job; keyed by its key, or by where it was found. */
    public static DeadLetter unreadable(String topic, int partition, long offset, @Nullable String key, byte @Nullable [] value,
                                        String why, String worker, Instant at) {
        String id = key != null ? key : "undecodable-" + topic + "-" + partition + "-" + offset;
        String encoded = value == null ? null : Base64.getEncoder().encodeToString(value);
        return new DeadLetter(id, null, new JobError(JobError.INVALID_PARAMS, "not a job record: " + why), List.of(),
                worker, at, new RawRecord(topic, partition, offset, key, encoded));
    }

    /**
     * A record whose bytes were not a job.
     *
     * @param valueBase64 the value as it was, base64
     */
    public record RawRecord(String topic, int partition, long offset, @Nullable String key, @Nullable String valueBase64) {
    }
}
