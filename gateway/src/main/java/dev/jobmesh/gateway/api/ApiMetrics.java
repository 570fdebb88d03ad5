package dev.jobmesh.gateway.api;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** What the API took and turned away: jobs accepted, and rejections by problem type (503s among them). */
public final class ApiMetrics implements MeterBinder {

    private static final List<URI> PROBLEMS = List.of(ProblemTypes.MALFORMED_REQUEST, ProblemTypes.INVALID_REQUEST,
            ProblemTypes.BODY_TOO_LARGE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.JOB_NOT_FOUND,
            ProblemTypes.JOB_FINISHED, ProblemTypes.DEAD_LETTER_NOT_FOUND, ProblemTypes.KAFKA_UNAVAILABLE,
            ProblemTypes.NO_READY_MODEL);

    private final Map<String, Counter> rejections = new HashMap<>();
    private Counter accepted;

    @Override
    public void bindTo(MeterRegistry registry) {
        accepted = Counter.builder("jobmesh.gateway.jobs.accepted")
                .description("Jobs accepted: durably in Kafka, answered 202").register(registry);
        for (URI type : PROBLEMS) {
            String reason = reason(type);
            rejections.put(reason, Counter.builder("jobmesh.gateway.requests.rejected")
                    .description("Requests answered with a problem, by its type")
                    .tag("reason", reason).register(registry));
        }
    }

    void accepted(int jobs) {
        if (accepted != null) {
            accepted.increment(jobs);
        }
    }

    void rejected(URI type) {
        Counter counter = rejections.get(reason(type));
        if (counter != null) {
            counter.increment();
        }
    }

    private static String reason(URI type) {
        String path = type.toString();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
