package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The problem body of every rejection, as documented: Spring's {@code ProblemDetail} writes it with the
 * {@code errors} and {@code errorCount} the exception handler adds, which its own schema does not show.
 */
@Schema(name = ProblemResponses.SCHEMA, description = "An RFC 9457 problem: what was wrong, and every field it concerns")
record ProblemBody(
        @Schema(format = "uri-reference", description = "The problem type, a path on this server",
                example = "/problems/invalid-request", requiredMode = REQUIRED) String type,
        @Schema(example = "Invalid request", requiredMode = REQUIRED) String title,
        @Schema(example = "422", requiredMode = REQUIRED) int status,
        @Schema(description = "What was wrong, in words", example = "params.ms must be between 0 and 60000",
                requiredMode = REQUIRED) String detail,
        @Schema(format = "uri-reference", description = "The request path", example = "/api/jobs",
                requiredMode = REQUIRED) String instance,
        @Schema(description = "Each offending field, at most 20; absent when the problem concerns no field")
        List<Field> errors,
        @Schema(description = "How many violations there were; only when errors lists fewer", example = "25")
        Integer errorCount) {

    /** One offending field. */
    @Schema(name = "ProblemField")
    record Field(@Schema(description = "A JSON path, or a header or parameter name", example = "params.ms",
                         requiredMode = REQUIRED) String field,
                 @Schema(example = "must be between 0 and 60000", requiredMode = REQUIRED) String message) {
    }
}
