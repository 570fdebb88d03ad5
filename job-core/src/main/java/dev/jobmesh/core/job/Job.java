package dev.jobmesh.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work as it travels on a {@code jobs.<model>} topic.
 *
 * @param submittedAt when a gateway accepted it; null only for a record written to Kafka by other means
 * @param attempt     which run this is, from 1
 * @param maxAttempts runs allowed before the job fails for good (a crashed child process counts as one)
 * @param timeoutMs   the job's time limit; null means its workload's default
 * @param notBefore   a retry waits until then; null runs at once
 * @param generation  0, plus one per replay from the dead letters: a replay's outcome replaces the earlier one
 * @param history     the runs before this one, oldest first
 * @param submittedBy the gateway instance that accepted it, which alone records its end-to-end latency
 * @param owner       the name of the API key that submitted it, whose holder alone may read or cancel it (and admins);
 *                    null when the gateway checks no keys
 * @param routing     how the gateway chose its model when it was submitted with model {@code auto}; null otherwise
 */
@JsonPropertyOrder({"v", "id", "owner"})
public record Job(String id, String type, Model model, Map<String, Object> params, @Nullable Instant submittedAt,
                  int attempt, int maxAttempts, @Nullable Long timeoutMs, @Nullable Instant notBefore, int generation,
                  List<JobAttempt> history, @Nullable String submittedBy, @Nullable String owner,
                  @Nullable Routing routing) {

    /** Runs allowed when a job does not say. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Most runs a job may ask for. */
    public static final int MAX_ATTEMPTS = 10;

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
        maxAttempts = maxAttempts < 1 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A job whose model was given, not chosen. */
    public Job(String id, String type, Model model, Map<String, Object> params, @Nullable Instant submittedAt,
               int attempt, int maxAttempts, @Nullable Long timeoutMs, @Nullable Instant notBefore, int generation,
               List<JobAttempt> history, @Nullable String submittedBy, @Nullable String owner) {
        this(id, type, model, params, submittedAt, attempt, maxAttempts, timeoutMs, notBefore, generation, history,
                submittedBy, owner, null);
    }

    /** A first attempt with the given limits. */
    public Job(String id, String type, Model model, Map<String, Object> params, @Nullable Instant submittedAt,
               int attempt, int maxAttempts, @Nullable Long timeoutMs) {
        this(id, type, model, params, submittedAt, attempt, maxAttempts, timeoutMs, null, 0, List.of(), null, null, null);
    }

    /** A first attempt with the default limits. */
    public Job(String id, String type, Model model, Map<String, Object> params, @Nullable Instant submittedAt,
               int attempt) {
        this(id, type, model, params, submittedAt, attempt, DEFAULT_MAX_ATTEMPTS, null);
    }

    /** The time limit: the job's own, or the given default. */
    public Duration timeout(Duration defaultTimeout) {
        return timeoutMs == null ? defaultTimeout : Duration.ofMillis(timeoutMs);
    }

    /** The same job, to run again as attempt {@code next} once {@code notBefore} has passed. */
    public Job retry(int next, @Nullable Instant notBefore, List<JobAttempt> history) {
        return new Job(id, type, model, params, submittedAt, next, maxAttempts, timeoutMs, notBefore, generation,
                history, submittedBy, owner, routing);
    }

    /** The same job from the start, as a replay from the dead letters accepted by gateway {@code by}. */
    public Job replay(Instant submittedAt, String by) {
        return new Job(id, type, model, params, submittedAt, 1, maxAttempts, timeoutMs, null, generation + 1,
                List.of(), by, owner, routing);
    }

    /** The same job as accepted by gateway {@code by}. */
    public Job acceptedBy(String by) {
        return new Job(id, type, model, params, submittedAt, attempt, maxAttempts, timeoutMs, notBefore, generation,
                history, by, owner, routing);
    }
}
