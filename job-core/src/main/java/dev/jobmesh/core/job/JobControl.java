package dev.jobmesh.core.job;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * An instruction about one job, as kept on the compacted {@code jobs.control} topic that every worker reads.
 *
 * @param action      what to do; {@link #CANCEL} is the only one so far
 * @param requestedAt when; a cancellation covers the runs of jobs submitted before it
 */
@JsonPropertyOrder({"v", "id"})
public record JobControl(String id, String action, @Nullable Instant requestedAt) {

    /** Skip the job if it has not started; stop it if it runs. */
    public static final String CANCEL = "cancel";

    /** Whether a cancellation made at {@code requestedAt} covers the job: jobs submitted before it, not a later replay. */
    public static boolean covers(@Nullable Instant requestedAt, Job job) {
        return requestedAt != null && (job.submittedAt() == null || !requestedAt.isBefore(job.submittedAt()));
    }

    /** The envelope version. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }
}
