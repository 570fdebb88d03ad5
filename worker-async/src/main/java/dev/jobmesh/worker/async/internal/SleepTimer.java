package dev.jobmesh.worker.async.internal;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.workload.SleepWorkload;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/** {@code sleep} as a timer on the job's loop: waiting holds no thread. */
public final class SleepTimer implements LoopWorkload {

    private final SleepWorkload workload;

    public SleepTimer(SleepWorkload workload) {
        this.workload = workload;
    }

    @Override
    public String type() {
        return workload.type();
    }

    @Override
    public Cancellable start(Map<String, Object> params, EventLoop loop, Completion completion) {
        SleepWorkload.SleepParams sleep = workload.parse(params);
        ScheduledFuture<?> timer = loop.schedule(() -> completion.succeeded(SleepWorkload.result(sleep)),
                sleep.duration().toNanos(), TimeUnit.NANOSECONDS);
        return () -> timer.cancel(false);
    }
}
