package dev.jobmesh.worker.async.internal;

import java.util.Map;

import io.netty.channel.EventLoop;

/**
 * The event-loop form of one workload: starts a job on its loop without blocking it (unless configured to, to
 * show the cost) and reports the end to a {@link Completion}. Parsing stays the shared workload's.
 */
public interface LoopWorkload {

    /** The job type it serves. */
    String type();

    /**
     * Starts a job; called on {@code loop}. Throws when the params are invalid; may complete before it returns.
     *
     * @return how to stop the job's work when the dispatch loop stops it (its time limit, or a cancellation)
     */
    Cancellable start(Map<String, Object> params, EventLoop loop, Completion completion);
}
