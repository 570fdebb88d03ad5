package dev.jobmesh.gateway.limits;

import java.time.Duration;

/** A submission that would take a key over a limit: refused whole, nothing written; try again after a while. */
public final class SubmissionLimitedException extends RuntimeException {

    /** Which limit: the rate of jobs, or the jobs queued or running at once. */
    public enum Limit { RATE, UNFINISHED }

    private final Limit limit;
    private final Duration retryAfter;

    SubmissionLimitedException(Limit limit, String message, Duration retryAfter) {
        super(message);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Limit limit() {
        return limit;
    }

    /** How long until the key has enough jobs left for the same request. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
