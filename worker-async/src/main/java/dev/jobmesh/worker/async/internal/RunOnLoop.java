package dev.jobmesh.worker.async.internal;

import java.util.Map;

import dev.jobmesh.core.workload.Workload;
import io.netty.channel.EventLoop;

/**
 * Runs a workload's blocking {@code run} right on the loop thread. Right for {@code noop}, which returns at once;
 * for {@code cpu} it is the setting that shows what blocking a loop costs: every other job on that loop waits.
 * Nothing can stop the work early (interrupting a loop thread would close its sockets): a job stopped at its time
 * limit is reported on time from the dispatch loop's thread, but the loop stays busy until the work is done.
 */
public final class RunOnLoop<P> implements LoopWorkload {

    private final Workload<P> workload;

    public RunOnLoop(Workload<P> workload) {
        this.workload = workload;
    }

    @Override
    public String type() {
        return workload.type();
    }

    @Override
    public Cancellable start(Map<String, Object> params, EventLoop loop, Completion completion) {
        P parsed = workload.parse(params);
        try {
            completion.succeeded(workload.run(parsed));
        } catch (Exception e) {
            completion.failed(e);
        }
        return Cancellable.DONE;
    }
}
