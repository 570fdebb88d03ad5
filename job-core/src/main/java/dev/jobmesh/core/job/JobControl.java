package dev.jobmesh.core.job;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An instruction about one job, as kept on the compacted {@code jobs.control} topic that every worker reads.
 *
 * @param action what to do; {@link #CANCEL} is the only one so far
 */
@JsonPropertyOrder({"v", "id"})
public record JobControl(String id, String action, Instant requestedAt) {

    /** Skip the job if it has not started; stop it if it runs. */
    public static final String CANCEL = "cancel";

    /** The envelope version. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }
}
