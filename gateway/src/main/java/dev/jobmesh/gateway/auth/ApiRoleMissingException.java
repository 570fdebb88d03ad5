package dev.jobmesh.gateway.auth;

/** A known key whose role does not allow what the request asks: 403. */
public final class ApiRoleMissingException extends RuntimeException {

    ApiRoleMissingException(String message) {
        super(message);
    }
}
