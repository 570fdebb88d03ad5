package dev.jobmesh.gateway.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.workload.FieldViolation;
import dev.jobmesh.gateway.auth.ApiKeyRejectedException;
import dev.jobmesh.gateway.auth.ApiRoleMissingException;
import dev.jobmesh.gateway.limits.SubmissionLimitedException;
import dev.jobmesh.gateway.routing.NoReadyModelException;
import dev.jobmesh.gateway.submit.KafkaUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every rejection into an RFC 9457 problem body with a stable {@code type} and an {@code errors}
 * list naming each offending field.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final ApiMetrics metrics;

    ApiExceptionHandler(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.INVALID_REQUEST, "Invalid request",
                e.getMessage(), e.violations(), e.count());
    }

    @ExceptionHandler(JobNotFoundException.class)
    ResponseEntity<Object> notFound(JobNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.JOB_NOT_FOUND, "Job not found", e.getMessage(),
                List.of(new FieldViolation("id", "no job with this id")));
    }

    @ExceptionHandler(JobFinishedException.class)
    ResponseEntity<Object> finished(JobFinishedException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.JOB_FINISHED, "Job already finished", e.getMessage(),
                List.of(new FieldViolation("id", "the job has already finished")));
    }

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ResponseEntity<Object> deadLetterNotFound(DeadLetterNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.DEAD_LETTER_NOT_FOUND, "Dead letter not found", e.getMessage(),
                List.of(new FieldViolation("id", "no dead letter with this id")));
    }

    @ExceptionHandler(ApiKeyRejectedException.class)
    ResponseEntity<Object> unauthorized(ApiKeyRejectedException e) {
        ResponseEntity<Object> problem = problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                e.getMessage(), List.of(new FieldViolation(HttpHeaders.AUTHORIZATION,
                        e.presented() ? "not a key this gateway knows" : "required: Bearer <key> (or X-Api-Key)")));
        // RFC 6750 section 3: the scheme and realm, and invalid_token when a key was sent but is wrong
        String challenge = e.presented() ? "Bearer realm=\"jobmesh\", error=\"invalid_token\"" : "Bearer realm=\"jobmesh\"";
        return withHeader(problem, HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    @ExceptionHandler(ApiRoleMissingException.class)
    ResponseEntity<Object> forbidden(ApiRoleMissingException e) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", e.getMessage(),
                List.of(new FieldViolation(HttpHeaders.AUTHORIZATION, "the key's role does not allow this")));
    }

    @ExceptionHandler(SubmissionLimitedException.class)
    ResponseEntity<Object> limited(SubmissionLimitedException e) {
        boolean rate = e.limit() == SubmissionLimitedException.Limit.RATE;
        ResponseEntity<Object> problem = problem(HttpStatus.TOO_MANY_REQUESTS,
                rate ? ProblemTypes.RATE_LIMITED : ProblemTypes.TOO_MANY_UNFINISHED,
                rate ? "Too many jobs" : "Too many jobs unfinished", e.getMessage(),
                List.of(new FieldViolation("jobs", e.getMessage())));
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return withHeader(problem, HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<Object> unavailable(KafkaUnavailableException e) {
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.KAFKA_UNAVAILABLE,
                "Kafka unavailable", e.getMessage() + "; nothing was accepted, retry later", List.of());
        return withHeader(problem, HttpHeaders.RETRY_AFTER, "1");
    }

    @ExceptionHandler(NoReadyModelException.class)
    ResponseEntity<Object> noReadyModel(NoReadyModelException e) {
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.NO_READY_MODEL,
                "No model ready", e.getMessage() + "; nothing was accepted, retry later or name a model",
                List.of(new FieldViolation("model", "auto found no model with a ready worker")));
        return withHeader(problem, HttpHeaders.RETRY_AFTER, "1");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.BODY_TOO_LARGE, "Request body too large",
                        tooLarge.getMessage(), List.of(new FieldViolation("body", tooLarge.getMessage())));
            }
        }
        // Jackson's own messages name Java types and parser states: the answer says what is wrong in JSON terms only.
        String field = "body";
        String message = "is not valid JSON";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                String path = path(jackson.getPath());
                if (jackson instanceof StreamConstraintsException) {
                    message = "is over a JSON size limit: nested deeper than "
                            + StreamReadConstraints.defaults().getMaxNestingDepth() + " levels, or a number or string "
                            + "too long" + at(jackson.getLocation());
                } else if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                    field = path.isEmpty() ? "body" : path;
                    message = "must be " + JsonTypes.describe(mismatch.getTargetType());
                } else if (!path.isEmpty()) {
                    field = path;
                    message = "has the wrong JSON type or is malformed";
                } else {
                    message = "is not valid JSON" + at(jackson.getLocation());
                }
                break;
            }
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            message = "is required";
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", field + " " + message,
                List.of(new FieldViolation(field, message)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "none" : e.getContentType().toString();
        ResponseEntity<Object> problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", "Content-Type '" + sent + "' is not supported; send application/json",
                List.of(new FieldViolation("Content-Type", "must be application/json")));
        return withHeader(problem, HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
                field + " must be a number", List.of(new FieldViolation(field, "must be a number")));
    }

    private ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
                                           List<FieldViolation> errors) {
        return problem(status, type, title, detail, errors, errors.size());
    }

    /** {@code errorCount} is set only when {@code errors} holds fewer than there were. */
    private ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
                                           List<FieldViolation> errors, int errorCount) {
        metrics.rejected(type);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message()))
                    .toList());
        }
        if (errorCount > errors.size()) {
            problem.setProperty("errorCount", errorCount);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The problem with one more header: the challenge, when to retry, what to send instead. */
    private static ResponseEntity<Object> withHeader(ResponseEntity<Object> problem, String name, String value) {
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).header(name, value)
                .body(problem.getBody());
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
