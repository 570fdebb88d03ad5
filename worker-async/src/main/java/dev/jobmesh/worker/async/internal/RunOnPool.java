package dev.jobmesh.worker.async.internal;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import dev.jobmesh.core.workload.Workload;
import io.netty.channel.EventLoop;

/**
 * Runs a workload's blocking {@code run} on a bounded pool, off the loop (asyncio's {@code run_in_executor}):
 * the loop keeps serving timers and sockets while the pool computes. Stopping interrupts the pool thread;
 * {@code cpu} checks its interrupt flag, so a job stopped at its time limit or cancelled frees its thread.
 */
public final class RunOnPool<P> implements LoopWorkload {

    private final Workload<P> workload;
    private final ExecutorService pool;

    public RunOnPool(Workload<P> workload, ExecutorService pool) {
        this.workload = workload;
        this.pool = pool;
    }

    @Override
    public String type() {
        return workload.type();
    }

    @Override
    public Cancellable start(Map<String, Object> params, EventLoop loop, Completion completion) {
        P parsed = workload.parse(params);
        Future<?> task = pool.submit(() -> {
            try {
                completion.succeeded(workload.run(parsed));
            } catch (Exception e) {
                completion.failed(e);
            }
        });
        return () -> task.cancel(true);
    }
}
