package dev.jobmesh.worker.processes.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.worker.processes.ProcessPoolProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor: keeps {@code children} child processes, hands each waiting job to whichever child is idle,
 * and replaces children that die, hang, run a job the dispatch loop stops, or are due for recycling.
 *
 * <p>All pool state is owned by one supervisor thread; reader threads, timers and callers only post tasks
 * to it, so no state is shared and no lock is held while a process starts or a frame is written. What other
 * threads read is in {@link PoolStats}.
 */
public final class ChildProcessPool implements ChildListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcessPool.class);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);
    private static final Duration FIRST_RESTART_DELAY = Duration.ofMillis(500);

    /** One child as seen from outside the supervisor thread. */
    public record ChildInfo(int slot, long pid, ChildProcess.State state, String jobId, int jobsDone) {
    }

    private final ProcessPoolProperties properties;
    private final ChildJvm jvm;
    private final Handshake handshake;
    private final FrameCodec frames = new FrameCodec();
    private final JobCodec jobs = new JobCodec();
    private final ScheduledExecutorService supervisor;
    private final PoolStats stats;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every child process not yet seen to exit, so close() reaches them even if the supervisor thread cannot. */
    private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();

    // Owned by the supervisor thread.
    private final ChildProcess[] slots;
    private final Map<ChildProcess, Long> retiring = new HashMap<>(); // and when, in nanoTime
    private final Deque<ChildProcess> idle = new ArrayDeque<>();
    private final Deque<ChildRun> waiting = new ArrayDeque<>();
    private boolean closing;
    private int startFailures;

    public ChildProcessPool(ProcessPoolProperties properties, ChildJvm jvm, Handshake handshake) {
        this.properties = properties;
        this.jvm = jvm;
        this.handshake = handshake;
        this.slots = new ChildProcess[properties.children()];
        this.stats = new PoolStats(properties.children());
        this.supervisor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jobmesh-supervisor").factory());
    }

    /**
     * Starts every child and waits until all have shaken hands, one has failed to start, or the start timeout
     * has passed, so health is meaningful as soon as this returns. A pool whose children cannot start keeps
     * trying in the background and reports itself down.
     */
    public void start() {
        long began = System.nanoTime();
        post(() -> {
            for (int slot = 0; slot < slots.length; slot++) {
                spawn(slot);
            }
        });
        Duration check = properties.heartbeatInterval().dividedBy(2);
        supervisor.scheduleWithFixedDelay(guarded(this::checkLiveness), check.toMillis(), check.toMillis(),
                TimeUnit.MILLISECONDS);
        // The first start may record the start-up archive, which takes a few seconds once.
        long deadline = began + properties.startTimeout().plus(ArchiveTraining.TIMEOUT).toNanos();
        while (stats.ready() < slots.length && stats.health().startFailuresInARow() == 0
                && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (stats.ready() == slots.length) {
            log.info("{} child processes ready in {} ms (launched by {}, mean child start-up {} ms)", slots.length,
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
        if (!post(() -> {
            if (closing) {
                stats.dropped();
                run.complete(JobOutcome.failure("REJECTED", "worker is shutting down"));
                return;
            }
            waiting.addLast(run);
            dispatch();
        })) {
            stats.dropped();
            run.complete(JobOutcome.failure("REJECTED", "worker is shutting down"));
            return;
        }
        // Registered after the job is queued, so a stop that comes at once finds it there.
        run.execution().onStop(() -> post(() -> stopRun(run)));
    }

    private void stopRun(ChildRun run) {
        if (waiting.remove(run)) {
            stats.dropped();
            run.complete(JobOutcome.failure(JobError.INTERRUPTED, "stopped before it started"));
            return;
        }
        for (ChildProcess child : slots) {
            if (child != null && child.run == run) {
                log.info("Job {} was stopped; killing child {} (pid {}) that runs it", run.job().id(), child.slot(),
                        child.pid());
                stop(child, RestartReason.STOPPED);
                return;
            }
        }
    }

    // ---- events from children (reader threads) ----

    @Override
    public void frameReceived(ChildProcess child, Frame frame) {
        if (frame.type() != FrameType.HEARTBEAT) { // a heartbeat has done its work: the reader noted the time
            post(() -> onFrame(child, frame));
        }
    }

    @Override
    public void badOutput(ChildProcess child, Exception problem) {
        post(() -> {
            if (!closing && child.state != ChildProcess.State.EXITED) {
                log.error("Child {} (pid {}) wrote something that is not a frame ({}); killing it", child.slot(),
                        child.pid(), problem.getMessage());
                stop(child, RestartReason.PROTOCOL_ERROR);
            }
        });
    }

    @Override
    public void exited(ChildProcess child, int exitCode) {
        post(() -> onExit(child, exitCode));
    }

    // ---- supervisor thread ----

    private void onFrame(ChildProcess child, Frame frame) {
        if (closing) {
            return;
        }
        try {
            switch (frame.type()) {
                case READY -> onReady(child, Ready.decode(frame.payload()));
                case RESULT -> onResult(child, jobs.decodeState(frame.payload()));
                default -> throw new FrameException("a supervisor does not take " + frame.type() + " frames");
            }
        } catch (FrameException | UndecodableRecordException e) {
            badOutput(child, e);
        }
    }

    private void onReady(ChildProcess child, Ready hello) {
        if (child.state != ChildProcess.State.STARTING) {
            throw new FrameException("READY from a child in state " + child.state);
        }
        if (hello.protocolVersion() != Handshake.PROTOCOL_VERSION) {
            throw new FrameException("child speaks protocol " + hello.protocolVersion());
        }
        long now = System.nanoTime();
        child.readyNanos = now;
        long startup = now - child.spawnedNanos();
        stats.becameReady(startup);
        child.state = ChildProcess.State.IDLE;
        if (startFailures > 0) {
            log.info("Child {} (pid {}) started after {} failed starts", child.slot(), child.pid(), startFailures);
        }
        startFailures = 0;
        log.debug("Child {} (pid {}) ready in {} ms", child.slot(), child.pid(), startup / 1_000_000);
        idle.addLast(child);
        dispatch();
    }

    private void onResult(ChildProcess child, JobState ended) {
        ChildRun run = child.run;
        if (run == null || !run.job().id().equals(ended.id())) {
            throw new FrameException("RESULT for job " + ended.id() + " which child " + child.slot() + " is not running");
        }
        endRun(child);
        child.jobsDone++;
        run.complete(ended.error() == null ? JobOutcome.success(ended.result()) : new JobOutcome(null, ended.error()));
        RestartReason recycle = recycleReason(child);
        if (recycle != null) {
            retire(child, recycle);
        } else {
            child.state = ChildProcess.State.IDLE;
            idle.addLast(child);
        }
        dispatch();
    }

    private void onExit(ChildProcess child, int exitCode) {
        stats.exited();
        live.remove(child);
        boolean wasReady = child.readyNanos != 0;
        if (child.state == ChildProcess.State.IDLE || child.state == ChildProcess.State.BUSY) {
            stats.noLongerReady();
        }
        child.state = ChildProcess.State.EXITED;
        idle.remove(child);
        if (retiring.remove(child) != null || closing || slots[child.slot()] != child) {
            return;
        }
        slots[child.slot()] = null;
        stats.slotEmptied(child.slot());
        ExitStatus status = new ExitStatus(exitCode);
        if (!wasReady) {
            String said = child.lastStderrLines().isEmpty() ? ""
                    : "; it said: " + String.join(" | ", child.lastStderrLines()).strip();
            String why = child.stopReason == RestartReason.START_FAILED
                    ? "sent no handshake within " + properties.startTimeout().toMillis() + " ms, so it was killed"
                    : child.stopReason == RestartReason.PROTOCOL_ERROR
                    ? "broke the frame protocol before its handshake, so it was killed"
                    : status.describe() + " before its handshake";
            startFailed(child.slot(), "pid " + child.pid() + " " + why + said);
            return;
        }
        RestartReason reason = child.stopReason == null ? RestartReason.DIED : child.stopReason;
        stats.restarted(reason);
        ChildRun run = child.run;
        if (run != null) {
            endRun(child);
            lost(run, child, reason, status);
        } else if (reason == RestartReason.DIED) {
            log.warn("Child {} (pid {}) {} while idle; replacing it", child.slot(), child.pid(), status.describe());
        }
        spawn(child.slot());
        dispatch();
    }

    /** A run whose child is gone: a stopped job ends; a death is retried until the job's attempts run out. */
    private void lost(ChildRun run, ChildProcess child, RestartReason reason, ExitStatus status) {
        String id = run.job().id();
        if (reason == RestartReason.STOPPED) {
            // The dispatch loop records it as TIMEOUT or CANCELLED, whichever it stopped the job for.
            run.complete(JobOutcome.failure(JobError.INTERRUPTED, "stopped; its child process (pid " + child.pid()
                    + ") was killed"));
            return;
        }
        String what = reason == RestartReason.HUNG
                ? "hung (no heartbeat for " + properties.heartbeatTimeout().toMillis() + " ms) and was killed"
                : reason == RestartReason.PROTOCOL_ERROR ? "broke the frame protocol and was killed" : status.describe();
        int attempt = run.attempt();
        int max = run.job().maxAttempts();
        if (attempt < max) {
            log.warn("Child {} (pid {}) {} during attempt {} of {} of job {}; replacing it and running the job again",
                    child.slot(), child.pid(), what, attempt, max, id);
            stats.retried();
            waiting.addFirst(run);
        } else {
            log.warn("Child {} (pid {}) {} during the last attempt ({} of {}) of job {}; the job fails", child.slot(),
                    child.pid(), what, attempt, max, id);
            run.complete(JobOutcome.failure(JobError.CHILD_DIED,
                    "its child process " + what + " during attempt " + attempt + " of " + max));
        }
    }

    private void dispatch() {
        while (!waiting.isEmpty() && !idle.isEmpty()) {
            ChildProcess child = idle.pollFirst();
            ChildRun run = waiting.pollFirst();
            stats.runStarted();
            child.state = ChildProcess.State.BUSY;
            child.run = run;
            run.started();
            // A failed write means the child is dying; its exit puts the run back in line.
            child.send(new Frame(FrameType.JOB, jobs.encodeJob(run.job())));
        }
    }

    private void endRun(ChildProcess child) {
        child.run = null;
        stats.runEnded();
    }

    /** Kills a child now; its exit, reported by its reader, does the rest. */
    private void stop(ChildProcess child, RestartReason reason) {
        if (child.stopReason == null) {
            child.stopReason = reason;
        }
        child.kill();
    }

    private void checkLiveness() {
        long now = System.nanoTime();
        for (ChildProcess child : slots) {
            if (child == null || child.stopReason != null) {
                continue;
            }
            if (child.state == ChildProcess.State.STARTING
                    && now - child.spawnedNanos() > properties.startTimeout().toNanos()) {
                stop(child, RestartReason.START_FAILED);
            } else if ((child.state == ChildProcess.State.IDLE || child.state == ChildProcess.State.BUSY)
                    && now - child.lastHeardNanos() > properties.heartbeatTimeout().toNanos()) {
                log.warn("Child {} (pid {}) sent no heartbeat for {} ms; killing it as hung", child.slot(), child.pid(),
                        (now - child.lastHeardNanos()) / 1_000_000);
                stop(child, RestartReason.HUNG);
            }
        }
        retiring.forEach((child, at) -> {
            if (now - at > properties.stopTimeout().toNanos()) {
                child.kill();
            }
        });
    }

    private RestartReason recycleReason(ChildProcess child) {
        if (properties.maxJobsPerChild() > 0 && child.jobsDone >= properties.maxJobsPerChild()) {
            return RestartReason.MAX_JOBS;
        }
        long maxMemory = properties.maxMemoryPerChild().toBytes();
        if (maxMemory > 0 && child.residentSetSize().orElse(0) > maxMemory) {
            return RestartReason.MAX_MEMORY;
        }
        return null;
    }

    /** Replaces an idle child at once and lets the old one exit on its own by closing its stdin. */
    private void retire(ChildProcess child, RestartReason reason) {
        log.info("Recycling child {} (pid {}) after {} jobs ({}, resident set {} MB)", child.slot(), child.pid(),
                child.jobsDone, reason.tag(), child.residentSetSize().orElse(0) / (1024 * 1024));
        stats.restarted(reason);
        child.state = ChildProcess.State.RETIRING;
        child.stopReason = reason;
        stats.noLongerReady();
        slots[child.slot()] = null;
        stats.slotEmptied(child.slot());
        retiring.put(child, System.nanoTime());
        child.closeStdin();
        spawn(child.slot());
    }

    private void spawn(int slot) {
        if (closing || slots[slot] != null) {
            return;
        }
        ChildCommand command;
        try {
            command = jvm.command();
        } catch (IOException | RuntimeException e) {
            startFailed(slot, "cannot prepare the children's classpath (" + String.valueOf(e.getMessage()).strip() + ")");
            return;
        }
        try {
            ChildProcess child = ChildProcess.start(slot, command, handshake, frames, this);
            slots[slot] = child;
            live.add(child);
            stats.spawned(slot, child.pid());
        } catch (IOException | RuntimeException e) {
            startFailed(slot, "cannot run " + command.java() + " (" + String.valueOf(e.getMessage()).strip() + ")");
        }
    }

    private void startFailed(int slot, String why) {
        startFailures++;
        stats.startFailed(startFailures, why);
        long factor = 1L << Math.min(startFailures - 1, 16);
        Duration delay = FIRST_RESTART_DELAY.multipliedBy(factor);
        delay = delay.compareTo(MAX_RESTART_DELAY) > 0 ? MAX_RESTART_DELAY : delay;
        log.error("Child process {} could not start ({} of {} children ready{}; retrying in {} ms): {}", slot,
                stats.ready(), slots.length, stats.ready() == 0 ? ", so jobs wait and health is DOWN" : "",
                delay.toMillis(), why);
        supervisor.schedule(guarded(() -> spawn(slot)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- outside views ----

    /** The pool's numbers, readable from any thread. */
    public PoolStats stats() {
        return stats;
    }

    /** Every live child, including ones being recycled; asks the supervisor thread. */
    public List<ChildInfo> children() {
        return call(() -> {
            List<ChildInfo> all = new ArrayList<>();
            for (ChildProcess child : slots) {
                if (child != null) {
                    all.add(info(child));
                }
            }
            retiring.keySet().forEach(child -> all.add(info(child)));
            return all;
        }, List.of());
    }

    private static ChildInfo info(ChildProcess child) {
        return new ChildInfo(child.slot(), child.pid(), child.state, child.run == null ? null : child.run.job().id(),
                child.jobsDone);
    }

    // ---- shutdown ----

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
            call(() -> {
                closing = true;
                int abandoned = waiting.size() + stats.busy();
                if (abandoned > 0) {
                    log.warn("Stopping with {} jobs unfinished; Kafka will deliver them again", abandoned);
                }
                for (ChildProcess child : slots) {
                    if (child != null && child.run != null) {
                        child.send(Frame.text(FrameType.CANCEL, child.run.job().id()));
                    }
                }
                return null;
            }, null);
        } catch (IllegalStateException e) {
            log.warn("Supervisor thread did not answer; stopping the children anyway");
        }
        List<ChildProcess> children = List.copyOf(live);
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
        supervisor.shutdownNow();
        log.info("Stopped {} child processes", children.size());
    }

    private static void awaitExit(ChildProcess child, long nanos) {
        try {
            child.process().waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean post(Runnable task) {
        try {
            supervisor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** A task that logs what it throws: the supervisor thread must survive it, and a periodic task keep running. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Supervisor task failed", e);
            }
        };
    }

    private <T> T call(Callable<T> task, T whenStopped) {
        try {
            return supervisor.submit(task).get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return whenStopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenStopped;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("supervisor did not answer", e);
        }
    }
}
