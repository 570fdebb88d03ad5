package dev.jobmesh.gateway.routing;

/** A job with model {@code auto} has nowhere to go: no model has a worker in its consumer group. */
public final class NoReadyModelException extends RuntimeException {

    public NoReadyModelException(String message) {
        super(message);
    }
}
