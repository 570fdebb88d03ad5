package dev.jobmesh.worker.processes.internal.supervisor;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;

/**
 * Jobs waiting for a child and children waiting for a job: each job goes to whichever child became idle first.
 * Used by the supervisor thread alone.
 */
final class RunQueue {

    private final Deque<ChildRun> waiting = new ArrayDeque<>();
    private final Deque<ChildProcess> idle = new ArrayDeque<>();
    private final JobCodec jobs = new JobCodec();
    private final PoolStats stats;

    RunQueue(PoolStats stats) {
        this.stats = stats;
    }

    void add(ChildRun run) {
        waiting.addLast(run);
        dispatch();
    }

    /** The child takes jobs now. */
    void idle(ChildProcess child) {
        child.state = ChildProcess.State.IDLE;
        idle.addLast(child);
        dispatch();
    }

    /** The child takes no more jobs (it exited). */
    void gone(ChildProcess child) {
        idle.remove(child);
    }

    /** Takes back a run that has not started yet; false if it has. */
    boolean withdraw(ChildRun run) {
        if (waiting.remove(run)) {
            stats.dropped();
            return true;
        }
        return false;
    }

    int waiting() {
        return waiting.size();
    }

    private void dispatch() {
        while (!waiting.isEmpty() && !idle.isEmpty()) {
            ChildProcess child = idle.pollFirst();
            ChildRun run = waiting.pollFirst();
            stats.runStarted();
            child.state = ChildProcess.State.BUSY;
            child.run = run;
            run.started();
            // A failed write means the child is dying; its exit ends the run.
            child.send(new Frame(FrameType.JOB, jobs.encodeJob(run.job())));
        }
    }
}
