package dev.jobmesh.gateway.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a future on the request's own thread. Requests run on virtual threads, so a wait parks no platform
 * thread, and answering on the same thread spares Spring MVC's asynchronous dispatch - a second pass through the
 * whole filter chain and handler adapter that cost more than the hot endpoints' own work.
 */
final class RequestAwait {

    private RequestAwait() {
    }

    /** The future's value; what failed it is thrown as itself, for the API's exception handlers. */
    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
