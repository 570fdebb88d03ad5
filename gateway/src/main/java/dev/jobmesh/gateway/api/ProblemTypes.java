package dev.jobmesh.gateway.api;

import java.net.URI;

/** The {@code type} URIs of the API's RFC 9457 problem bodies; each is described in the OpenAPI document. */
public final class ProblemTypes {

    public static final URI MALFORMED_REQUEST = URI.create("/problems/malformed-request");
    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    public static final URI BODY_TOO_LARGE = URI.create("/problems/body-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("/problems/unsupported-media-type");
    public static final URI JOB_NOT_FOUND = URI.create("/problems/job-not-found");
    public static final URI JOB_FINISHED = URI.create("/problems/job-finished");
    public static final URI DEAD_LETTER_NOT_FOUND = URI.create("/problems/dead-letter-not-found");
    public static final URI UNAUTHORIZED = URI.create("/problems/unauthorized");
    public static final URI FORBIDDEN = URI.create("/problems/forbidden");
    public static final URI RATE_LIMITED = URI.create("/problems/rate-limited");
    public static final URI TOO_MANY_UNFINISHED = URI.create("/problems/too-many-unfinished");
    public static final URI KAFKA_UNAVAILABLE = URI.create("/problems/kafka-unavailable");
    public static final URI NO_READY_MODEL = URI.create("/problems/no-ready-model");

    private ProblemTypes() {
    }
}
