package dev.jobmesh.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem responses the API gives, declared once as {@code components/responses} with the problem schema and
 * an example of every case; operations refer to them by name (see {@link ProblemRefs}).
 */
final class ProblemResponses implements OpenApiCustomizer {

    /** Replaces the schema springdoc derives from Spring's {@code ProblemDetail}, which shows neither our fields nor relative URIs. */
    static final String SCHEMA = "ProblemDetail";

    static final String MALFORMED_REQUEST = "MalformedRequest";
    static final String BODY_TOO_LARGE = "BodyTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String INVALID_REQUEST = "InvalidRequest";
    static final String JOB_NOT_FOUND = "JobNotFound";
    static final String JOB_FINISHED = "JobFinished";
    static final String DEAD_LETTER_NOT_FOUND = "DeadLetterNotFound";
    static final String KAFKA_UNAVAILABLE = "KafkaUnavailable";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String RATE_LIMITED = "RateLimited";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents();
        ModelConverters.getInstance(api.getSpecVersion() == SpecVersion.V31)
                .readAll(new AnnotatedType(ProblemBody.class)).forEach(components::addSchemas);
        components.addResponses(MALFORMED_REQUEST, problem(
                "Malformed: the body is not JSON, a field has the wrong JSON type, or a query parameter is not a number",
                Map.of("body", ApiExamples.MALFORMED, "waitMs", ApiExamples.BAD_WAIT, "limit", ApiExamples.BAD_LIMIT)));
        components.addResponses(BODY_TOO_LARGE, problem("The body is larger than jobmesh.gateway.submit.max-body-size",
                Map.of("tooLarge", ApiExamples.TOO_LARGE)));
        components.addResponses(UNSUPPORTED_MEDIA_TYPE, problem("Content-Type is not application/json",
                Map.of("unsupported", ApiExamples.UNSUPPORTED)));
        components.addResponses(INVALID_REQUEST, problem("Well-formed but not acceptable; errors names every field "
                        + "(unknown type or model, params missing or out of range, too many jobs or ids, a negative "
                        + "waitMs, a limit out of range, an Idempotency-Key reused with another body, a replay of an "
                        + "unreadable record)",
                Map.of("job", ApiExamples.INVALID, "batch", ApiExamples.INVALID_BATCH, "ids", ApiExamples.TOO_MANY_IDS,
                        "waitMs", ApiExamples.NEGATIVE_WAIT, "limit", ApiExamples.LIMIT_RANGE,
                        "unreadable", ApiExamples.NOT_REPLAYABLE)));
        components.addResponses(JOB_NOT_FOUND, problem("No job has that id", Map.of("notFound", ApiExamples.NOT_FOUND)));
        components.addResponses(JOB_FINISHED, problem("The job has already finished",
                Map.of("finished", ApiExamples.FINISHED)));
        components.addResponses(DEAD_LETTER_NOT_FOUND, problem("No dead letter has that id (never dead, already "
                + "replayed, or past the retention)", Map.of("notFound", ApiExamples.DEAD_LETTER_NOT_FOUND)));
        components.addResponses(UNAUTHORIZED, problem("No API key, or one the gateway does not know",
                Map.of("missing", ApiExamples.UNAUTHORIZED, "wrong", ApiExamples.WRONG_KEY))
                .addHeaderObject("WWW-Authenticate", new Header().description("Bearer realm=\"jobmesh\", with "
                        + "error=\"invalid_token\" when a key was sent but is wrong (RFC 6750)")
                        .schema(new StringSchema().example("Bearer realm=\"jobmesh\""))));
        components.addResponses(FORBIDDEN, problem("The key's role does not allow this (dead letters need an admin key)",
                Map.of("forbidden", ApiExamples.FORBIDDEN)));
        components.addResponses(RATE_LIMITED, problem("The key is over its rate of jobs (a batch counts its size), or "
                        + "has as many jobs queued or running as it may; nothing was written, the batch is refused whole",
                Map.of("limited", ApiExamples.RATE_LIMITED, "unfinished", ApiExamples.TOO_MANY_UNFINISHED))
                .addHeaderObject("Retry-After", new Header().description("Seconds until the key may send as many jobs")
                        .schema(new IntegerSchema().example(1))));
        components.addResponses(KAFKA_UNAVAILABLE, problem("Kafka did not take the write in time, or a job sent to "
                        + "model auto had no model with a ready worker; nothing was written",
                Map.of("unavailable", ApiExamples.UNAVAILABLE, "noReadyModel", ApiExamples.NO_READY_MODEL))
                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
                        .schema(new IntegerSchema().example(1))));
    }

    private ApiResponse problem(String description, Map<String, String> examples) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
        Map<String, Example> named = new LinkedHashMap<>();
        examples.forEach((name, body) -> named.put(name, new Example().value(json.readValue(body, Map.class))));
        media.setExamples(named);
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
    }
}
