package dev.jobmesh.worker.processes.internal.supervisor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.worker.processes.ProcessPoolProperties;
import dev.jobmesh.worker.processes.internal.launch.ArchiveTraining;
import dev.jobmesh.worker.processes.internal.launch.ChildJvm;
import dev.jobmesh.worker.processes.internal.protocol.Frame;
import dev.jobmesh.worker.processes.internal.protocol.FrameException;
import dev.jobmesh.worker.processes.internal.protocol.FrameType;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import dev.jobmesh.worker.processes.internal.protocol.Ready;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor: keeps {@code children} child processes, hands each waiting job to whichever child is idle,
 * and replaces children that die, hang, run a job the dispatch loop stops, or are due for recycling. A run
 * whose child dies ends as a {@code CHILD_DIED} failure; whether the job runs again is the dispatch loop's
 * outcome policy's call, as for any other failure.
 *
 * <p>All pool state is owned by the {@link SupervisorThread}; what other threads read is in {@link PoolStats}.
 */
public final class ChildProcessPool implements ChildListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcessPool.class);

    /** One child as seen from outside the supervisor thread. */
    public record ChildInfo(int slot, long pid, ChildProcess.State state, String jobId, int jobsDone) {
    }

    private final ProcessPoolProperties properties;
    private final ChildJvm jvm;
    private final JobCodec jobs = new JobCodec();
    private final SupervisorThread supervisor = new SupervisorThread();
    private final PoolStats stats;
    private final ChildSlots slots;
    private final RunQueue queue;
    private final RecyclePolicy recycling;
    private final AtomicBoolean closed = new AtomicBoolean();

    public ChildProcessPool(ProcessPoolProperties properties, ChildJvm jvm, Handshake handshake) {
        this.properties = properties;
        this.jvm = jvm;
        this.stats = new PoolStats(properties.children());
        this.slots = new ChildSlots(properties, jvm, handshake, stats, supervisor, this, properties.restartBackOff());
        this.queue = new RunQueue(stats);
        this.recycling = new RecyclePolicy(properties.maxJobsPerChild(), properties.maxMemoryPerChild());
    }

    /**
     * Starts every child and waits until all have shaken hands, one has failed to start, or the start timeout
     * has passed, so health is meaningful as soon as this returns. A pool whose children cannot start keeps
     * trying in the background and reports itself down.
     */
    public void start() {
        long began = System.nanoTime();
        supervisor.post(slots::spawnAll);
        supervisor.every(slots::checkLiveness, properties.heartbeatInterval().dividedBy(2));
        // The first start may record the start-up archive, which takes a few seconds once.
        long deadline = began + properties.startTimeout().plus(ArchiveTraining.TIMEOUT).toNanos();
        while (stats.ready() < slots.size() && stats.health().startFailuresInARow() == 0
                && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (stats.ready() == slots.size()) {
            log.info("{} child processes ready in {} ms (launched by {}, mean child start-up {} ms)", slots.size(),
                    (System.nanoTime() - began) / 1_000_000, jvm.launcher().getClass().getSimpleName(),
                    stats.startups() == 0 ? 0 : stats.startupNanos() / stats.startups() / 1_000_000);
        }
    }

    /**
     * Queues a job; the next idle child runs it. If the dispatch loop stops the job (time limit, cancellation),
     * a waiting job is dropped and a running one has its child killed: only a new process is sure to be clean.
     */
    public void submit(ChildRun run) {
        stats.queued();
        boolean queued = supervisor.post(() -> {
            if (slots.closing()) {
                reject(run);
            } else {
                queue.add(run);
            }
        });
        if (!queued) {
            reject(run);
            return;
        }
        // Registered after the job is queued, so a stop that comes at once finds it there.
        run.execution().onStop(() -> supervisor.post(() -> stop(run)));
    }

    private void reject(ChildRun run) {
        stats.dropped();
        run.complete(JobOutcome.failure(JobError.REJECTED, "worker is shutting down"));
    }

    private void stop(ChildRun run) {
        if (queue.withdraw(run)) {
            run.complete(JobOutcome.failure(JobError.INTERRUPTED, "stopped before it started"));
            return;
        }
        slots.running(run).ifPresent(child -> {
            log.info("Job {} was stopped; killing child {} (pid {}) that runs it", run.job().id(), child.slot(),
                    child.pid());
            slots.kill(child, RestartReason.STOPPED);
        });
    }

    // ---- events from children's reader threads, handed to the supervisor thread ----

    @Override
    public void frameReceived(ChildProcess child, Frame frame) {
        if (frame.type() != FrameType.HEARTBEAT) { // a heartbeat has done its work: the reader noted the time
            supervisor.post(() -> onFrame(child, frame));
        }
    }

    @Override
    public void badOutput(ChildProcess child, Exception problem) {
        supervisor.post(() -> {
            if (!slots.closing() && child.state != ChildProcess.State.EXITED) {
                log.error("Child {} (pid {}) wrote something that is not a frame ({}); killing it", child.slot(),
                        child.pid(), problem.getMessage());
                slots.kill(child, RestartReason.PROTOCOL_ERROR);
            }
        });
    }

    @Override
    public void exited(ChildProcess child, int exitCode) {
        supervisor.post(() -> onExit(child, exitCode));
    }

    private void onFrame(ChildProcess child, Frame frame) {
        if (slots.closing()) {
            return;
        }
        try {
            switch (frame.type()) {
                case READY -> {
                    slots.ready(child, Ready.decode(frame.payload()));
                    queue.idle(child);
                }
                case RESULT -> onResult(child, jobs.decodeState(frame.payload()));
                default -> throw new FrameException("a supervisor does not take " + frame.type() + " frames");
            }
        } catch (FrameException | UndecodableRecordException e) {
            badOutput(child, e);
        }
    }

    private void onResult(ChildProcess child, JobState ended) {
        if (child.run == null || !child.run.job().id().equals(ended.id())) {
            throw new FrameException("RESULT for job " + ended.id() + " which child " + child.slot() + " is not running");
        }
        ChildRun run = slots.release(child);
        child.jobsDone++;
        run.complete(ended.error() == null ? JobOutcome.success(ended.result()) : new JobOutcome(null, ended.error()));
        recycling.reason(child).ifPresentOrElse(reason -> slots.retire(child, reason), () -> queue.idle(child));
    }

    private void onExit(ChildProcess child, int exitCode) {
        queue.gone(child);
        slots.exited(child, exitCode).ifPresent(this::lost);
    }

    /** A run whose child is gone ends: stopped, or failed with the death, which the outcome policy may retry. */
    private void lost(ChildSlots.LostRun lost) {
        ChildRun run = lost.run();
        ChildProcess child = lost.child();
        if (lost.reason() == RestartReason.STOPPED) {
            // The dispatch loop records it as TIMEOUT or CANCELLED, whichever it stopped the job for.
            run.complete(JobOutcome.failure(JobError.INTERRUPTED, "stopped; its child process (pid " + child.pid()
                    + ") was killed"));
            return;
        }
        int attempt = run.job().attempt();
        int max = run.job().maxAttempts();
        log.warn("Child {} (pid {}) {} during attempt {} of {} of job {}; replacing it", child.slot(), child.pid(),
                lost.what(), attempt, max, run.job().id());
        stats.runLost();
        run.complete(JobOutcome.failure(JobError.CHILD_DIED,
                "its child process " + lost.what() + " during attempt " + attempt + " of " + max));
    }

    /** The pool's numbers, readable from any thread. */
    public PoolStats stats() {
        return stats;
    }

    /** Every live child, including ones being recycled; asks the supervisor thread. */
    public List<ChildInfo> children() {
        return supervisor.call(() -> slots.children().stream().map(ChildProcessPool::info).toList(), List.of());
    }

    private static ChildInfo info(ChildProcess child) {
        return new ChildInfo(child.slot(), child.pid(), child.state, child.run == null ? null : child.run.job().id(),
                child.jobsDone);
    }

    /**
     * Closes every child's stdin (busy ones are asked to cancel first), waits up to the stop timeout for them
     * to exit, then kills the rest and waits for them too. Jobs still waiting or running are abandoned, not
     * completed: the dispatch loop has stopped, and Kafka redelivers them.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            supervisor.call(() -> {
                slots.close();
                int abandoned = queue.waiting() + stats.busy();
                if (abandoned > 0) {
                    log.warn("Stopping with {} jobs unfinished; Kafka will deliver them again", abandoned);
                }
                slots.children().stream().filter(child -> child.run != null)
                        .forEach(child -> child.send(Frame.text(FrameType.CANCEL, child.run.job().id())));
                return null;
            }, null);
        } catch (IllegalStateException e) {
            log.warn("Supervisor thread did not answer; stopping the children anyway");
        }
        List<ChildProcess> children = slots.live();
        children.forEach(ChildProcess::closeStdin);
        long deadline = System.nanoTime() + properties.stopTimeout().toNanos();
        for (ChildProcess child : children) {
            awaitExit(child, Math.max(0, deadline - System.nanoTime()));
        }
        for (ChildProcess child : children) {
            if (child.isAlive()) {
                log.warn("Child {} (pid {}) did not exit within {} ms of its stdin closing; killing it", child.slot(),
                        child.pid(), properties.stopTimeout().toMillis());
                child.kill();
                awaitExit(child, TimeUnit.SECONDS.toNanos(5));
            }
        }
        supervisor.stop();
        log.info("Stopped {} child processes", children.size());
    }

    private static void awaitExit(ChildProcess child, long nanos) {
        try {
            child.process().waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
