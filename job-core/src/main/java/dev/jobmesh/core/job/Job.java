package dev.jobmesh.core.job;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** A unit of work as it travels on a {@code jobs.<model>} topic. */
@JsonPropertyOrder({"v", "id"})
public record Job(String id, String type, Model model, Map<String, Object> params, Instant submittedAt, int attempt) {

    /** The envelope version, written first so a reader can tell old records from new ones. */
    @JsonProperty("v")
    public int schemaVersion() {
        return JobCodec.SCHEMA_VERSION;
    }

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(model, "model");
        params = params == null ? Map.of() : params;
        attempt = Math.max(attempt, 1);
    }
}
