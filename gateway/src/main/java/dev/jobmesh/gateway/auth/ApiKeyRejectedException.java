package dev.jobmesh.gateway.auth;

import org.springframework.security.core.AuthenticationException;

/** A request to the API without a key, or with one the gateway does not know: 401. */
public final class ApiKeyRejectedException extends AuthenticationException {

    private final boolean presented;

    ApiKeyRejectedException(String message, boolean presented) {
        super(message);
        this.presented = presented;
    }

    /** Whether the request carried a key at all (RFC 6750: a wrong one is {@code error="invalid_token"}). */
    public boolean presented() {
        return presented;
    }
}
