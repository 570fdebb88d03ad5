package dev.jobmesh.gateway.limits;

import java.time.Duration;

/** A submission that would take a key over its rate: refused whole, nothing written; try again after a while. */
public final class SubmissionLimitedException extends RuntimeException {

    private final Duration retryAfter;

    SubmissionLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the key has enough jobs left for the same request. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
