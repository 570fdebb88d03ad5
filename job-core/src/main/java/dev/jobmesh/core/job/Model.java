package dev.jobmesh.core.job;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The concurrency models a job can be routed to; each has its own topic and consumer group. */
public enum Model {
    THREADS("threads"),
    VIRTUAL("virtual"),
    PROCESSES("processes"),
    ASYNC("async");

    private final String id;

    Model(String id) {
        this.id = id;
    }

    /** The name used in the API, topic and metric tags. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<Model> fromId(String id) {
        // a loop, not a stream: the gateway's view looks up the model of every status record it reads
        for (Model model : values()) {
            if (model.id.equals(id)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static Model of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown model '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
