package dev.jobmesh.gateway.submit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.job.Routing;
import dev.jobmesh.core.workload.FieldViolation;
import dev.jobmesh.core.workload.InvalidParamsException;
import dev.jobmesh.core.workload.Workload;
import dev.jobmesh.core.workload.WorkloadCatalog;
import org.jspecify.annotations.Nullable;

/** Turns what a client asked for into a job with a fresh id, checking type, model and params on the way. */
public final class JobFactory {

    /** The model a client gives to have the gateway choose one for each job. */
    public static final String AUTO = "auto";
    private static final String MODELS = Arrays.stream(Model.values()).map(Model::id).collect(Collectors.joining(", "))
            + ", " + AUTO;

    /** Longest time limit a job may ask for: one hour. */
    public static final long MAX_TIMEOUT_MS = 3_600_000;

    private final WorkloadCatalog catalog;
    private final Clock clock;
    private final String gatewayId;
    private final int defaultMaxAttempts;
    private final JobIds ids;
    private final ModelRouter router;

    public JobFactory(WorkloadCatalog catalog, Clock clock, String gatewayId, int defaultMaxAttempts, JobIds ids,
                      ModelRouter router) {
        this.catalog = catalog;
        this.router = router;
        this.ids = ids;
        this.clock = clock;
        this.gatewayId = gatewayId;
        this.defaultMaxAttempts = defaultMaxAttempts;
    }

    /**
     * The job, or null with the reasons added to {@code violations}; fields are named under {@code prefix}
     * (empty for a single job, {@code jobs[3].} inside a batch).
     */
    public Job create(String type, String model, Map<String, Object> params, Integer maxAttempts, Long timeoutMs,
                      @Nullable String owner, String prefix, List<FieldViolation> violations) {
        int before = violations.size();
        Workload<?> workload = null;
        if (type == null || type.isBlank()) {
            violations.add(new FieldViolation(prefix + "type", "is required; one of " + String.join(", ", catalog.types())));
        } else {
            workload = catalog.find(type).orElse(null);
            if (workload == null) {
                violations.add(new FieldViolation(prefix + "type",
                        "unknown type '" + type + "'; one of " + String.join(", ", catalog.types())));
            }
        }
        Model parsedModel = null;
        boolean auto = AUTO.equals(model);
        if (model == null || model.isBlank()) {
            violations.add(new FieldViolation(prefix + "model", "is required; one of " + MODELS));
        } else if (!auto) {
            parsedModel = Model.fromId(model).orElse(null);
            if (parsedModel == null) {
                violations.add(new FieldViolation(prefix + "model", "unknown model '" + model + "'; one of " + MODELS));
            }
        }
        if (workload != null) {
            try {
                workload.parse(params);
            } catch (InvalidParamsException e) {
                e.violations().forEach(v -> violations.add(new FieldViolation(prefix + v.field(), v.message())));
            }
        }
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > Job.MAX_ATTEMPTS)) {
            violations.add(new FieldViolation(prefix + "maxAttempts", "must be between 1 and " + Job.MAX_ATTEMPTS));
        }
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)) {
            violations.add(new FieldViolation(prefix + "timeoutMs", "must be between 1 and " + MAX_TIMEOUT_MS));
        }
        if (violations.size() > before) {
            return null;
        }
        Routing routing = auto ? router.route(type) : null;
        Instant submittedAt = clock.instant();
        return new Job(ids.next(submittedAt), type, routing != null ? routing.model() : parsedModel,
                params == null ? Map.of() : params, submittedAt, 1, maxAttempts == null ? defaultMaxAttempts : maxAttempts,
                timeoutMs, null, 0, List.of(), gatewayId, owner, routing);
    }
}
