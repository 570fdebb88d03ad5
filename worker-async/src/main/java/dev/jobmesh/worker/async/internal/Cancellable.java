package dev.jobmesh.worker.async.internal;

/** Stops work that was started and not yet finished; safe to call from any thread, more than once. */
@FunctionalInterface
public interface Cancellable {

    /** For work that was already done when it was started. */
    Cancellable DONE = () -> {
    };

    void cancel();
}
