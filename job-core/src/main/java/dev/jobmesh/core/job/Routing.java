package dev.jobmesh.core.job;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a job submitted with model {@code auto} went, and why: carried with the job, so every snapshot shows it.
 *
 * @param model     the model chosen
 * @param reason    how it was chosen
 * @param estimates each ready model's expected completion time for the job's type when it was chosen (predicted
 *                  queue wait plus recent execution time), in milliseconds, by model id; models without recent data
 *                  are left out
 */
public record Routing(Model model, Reason reason, Map<String, Double> estimates) {

    public Routing {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reason, "reason");
        estimates = estimates == null ? Map.of() : Map.copyOf(estimates);
    }

    /** How the model was chosen. */
    public enum Reason {
        /** The lowest expected completion time among the models with recent data for the job's type. */
        FASTEST("fastest"),
        /**
         * The model the measured rules prefer for the type, its estimate within the preference of the fastest
         * (jobmesh.gateway.routing.preference-factor and -margin).
         */
        PREFERRED("preferred"),
        /** A share of decisions goes to another ready model with nothing waiting, so its estimates stay fresh. */
        EXPLORE("explore"),
        /** No ready model had recent data for the type: the measured rules of thumb decided. */
        COLD_START("cold-start");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Reason of(String id) {
            for (Reason reason : values()) {
                if (reason.id.equals(id)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown routing reason '" + id + "'");
        }
    }
}
