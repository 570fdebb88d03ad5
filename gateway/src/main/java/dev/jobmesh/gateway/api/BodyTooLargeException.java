package dev.jobmesh.gateway.api;

import java.io.IOException;

/** A request body past the configured limit; thrown while reading, so a chunked body is cut off too. */
class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
