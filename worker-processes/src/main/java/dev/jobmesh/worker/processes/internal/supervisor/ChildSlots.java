package dev.jobmesh.worker.processes.internal.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobmesh.core.outcome.BackOff;
import dev.jobmesh.worker.processes.ProcessPoolProperties;
import dev.jobmesh.worker.processes.internal.launch.ChildCommand;
import dev.jobmesh.worker.processes.internal.launch.ChildJvm;
import dev.jobmesh.worker.processes.internal.protocol.FrameCodec;
import dev.jobmesh.worker.processes.internal.protocol.FrameException;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import dev.jobmesh.worker.processes.internal.protocol.Ready;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's slots and the child in each, through a child's life: started, ready, replaced when it dies or is
 * killed, recycled, or started again after a back-off when it cannot start. Used by the supervisor thread alone,
 * but for the set of live processes, which shutdown reads when that thread may not answer.
 */
final class ChildSlots {

    private static final Logger log = LoggerFactory.getLogger(ChildSlots.class);

    /** A run whose child went away under it. */
    record LostRun(ChildRun run, ChildProcess child, RestartReason reason, String what) {
    }

    private final ProcessPoolProperties properties;
    private final ChildJvm jvm;
    private final Handshake handshake;
    private final FrameCodec frames = new FrameCodec();
    private final PoolStats stats;
    private final SupervisorThread supervisor;
    private final ChildListener listener;
    private final BackOff restartBackOff;
    private final ChildProcess[] slots;
    private final Map<ChildProcess, Long> retiring = new HashMap<>(); // and since when, in nanoTime
    private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();
    private boolean closing;
    private int startFailures;

    ChildSlots(ProcessPoolProperties properties, ChildJvm jvm, Handshake handshake, PoolStats stats,
               SupervisorThread supervisor, ChildListener listener, BackOff restartBackOff) {
        this.properties = properties;
        this.jvm = jvm;
        this.handshake = handshake;
        this.stats = stats;
        this.supervisor = supervisor;
        this.listener = listener;
        this.restartBackOff = restartBackOff;
        this.slots = new ChildProcess[properties.children()];
    }

    int size() {
        return slots.length;
    }

    void spawnAll() {
        for (int slot = 0; slot < slots.length; slot++) {
            spawn(slot);
        }
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
            ChildProcess child = ChildProcess.start(slot, command, handshake, frames, listener);
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
        Duration delay = restartBackOff.delay(startFailures);
        log.error("Child process {} could not start ({} of {} children ready{}; retrying in {} ms): {}", slot,
                stats.ready(), slots.length, stats.ready() == 0 ? ", so jobs wait and health is DOWN" : "",
                delay.toMillis(), why);
        supervisor.later(() -> spawn(slot), delay);
    }

    /** The child shook hands; it takes jobs from now on. */
    void ready(ChildProcess child, Ready hello) {
        if (child.state != ChildProcess.State.STARTING) {
            throw new FrameException("READY from a child in state " + child.state);
        }
        if (hello.protocolVersion() != Handshake.PROTOCOL_VERSION) {
            throw new FrameException("child speaks protocol " + hello.protocolVersion());
        }
        child.readyNanos = System.nanoTime();
        long startup = child.readyNanos - child.spawnedNanos();
        stats.becameReady(startup);
        if (startFailures > 0) {
            log.info("Child {} (pid {}) started after {} failed starts", child.slot(), child.pid(), startFailures);
        }
        startFailures = 0;
        log.debug("Child {} (pid {}) ready in {} ms", child.slot(), child.pid(), startup / 1_000_000);
    }

    /** Takes the run off a child whose run ended. */
    ChildRun release(ChildProcess child) {
        ChildRun run = child.run;
        child.run = null;
        stats.runEnded();
        return run;
    }

    /** The child has exited: its slot gets a new one, and the run it had, if any, is lost. */
    Optional<LostRun> exited(ChildProcess child, int exitCode) {
        stats.exited();
        live.remove(child);
        boolean wasReady = child.readyNanos != 0;
        if (child.state == ChildProcess.State.IDLE || child.state == ChildProcess.State.BUSY) {
            stats.noLongerReady();
        }
        child.state = ChildProcess.State.EXITED;
        if (retiring.remove(child) != null || closing || slots[child.slot()] != child) {
            return Optional.empty();
        }
        slots[child.slot()] = null;
        stats.slotEmptied(child.slot());
        ExitStatus status = new ExitStatus(exitCode);
        if (!wasReady) {
            startFailed(child.slot(), "pid " + child.pid() + " " + beforeHandshake(child, status));
            return Optional.empty();
        }
        RestartReason reason = child.stopReason == null ? RestartReason.DIED : child.stopReason;
        stats.restarted(reason);
        Optional<LostRun> lost = Optional.empty();
        if (child.run != null) {
            String what = switch (reason) {
                case HUNG -> "hung (no heartbeat for " + properties.heartbeatTimeout().toMillis() + " ms) and was killed";
                case PROTOCOL_ERROR -> "broke the frame protocol and was killed";
                default -> status.describe();
            };
            lost = Optional.of(new LostRun(release(child), child, reason, what));
        } else if (reason == RestartReason.DIED) {
            log.warn("Child {} (pid {}) {} while idle; replacing it", child.slot(), child.pid(), status.describe());
        }
        spawn(child.slot());
        return lost;
    }

    private String beforeHandshake(ChildProcess child, ExitStatus status) {
        String said = child.lastStderrLines().isEmpty() ? ""
                : "; it said: " + String.join(" | ", child.lastStderrLines()).strip();
        String why = child.stopReason == RestartReason.START_FAILED
                ? "sent no handshake within " + properties.startTimeout().toMillis() + " ms, so it was killed"
                : child.stopReason == RestartReason.PROTOCOL_ERROR
                ? "broke the frame protocol before its handshake, so it was killed"
                : status.describe() + " before its handshake";
        return why + said;
    }

    /** Replaces an idle child at once and lets the old one exit on its own by closing its stdin. */
    void retire(ChildProcess child, RestartReason reason) {
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

    /** Kills a child now; its exit, reported by its reader, does the rest. */
    void kill(ChildProcess child, RestartReason reason) {
        if (child.stopReason == null) {
            child.stopReason = reason;
        }
        child.kill();
    }

    /** The child in a slot that runs this run, if any. */
    Optional<ChildProcess> running(ChildRun run) {
        for (ChildProcess child : slots) {
            if (child != null && child.run == run) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** Kills children that never shook hands or fell silent, and retired ones that outstay the stop timeout. */
    void checkLiveness() {
        long now = System.nanoTime();
        for (ChildProcess child : slots) {
            if (child == null || child.stopReason != null) {
                continue;
            }
            if (child.state == ChildProcess.State.STARTING
                    && now - child.spawnedNanos() > properties.startTimeout().toNanos()) {
                kill(child, RestartReason.START_FAILED);
            } else if ((child.state == ChildProcess.State.IDLE || child.state == ChildProcess.State.BUSY)
                    && now - child.lastHeardNanos() > properties.heartbeatTimeout().toNanos()) {
                log.warn("Child {} (pid {}) sent no heartbeat for {} ms; killing it as hung", child.slot(), child.pid(),
                        (now - child.lastHeardNanos()) / 1_000_000);
                kill(child, RestartReason.HUNG);
            }
        }
        retiring.forEach((child, since) -> {
            if (now - since > properties.stopTimeout().toNanos()) {
                child.kill();
            }
        });
    }

    /** Every child in a slot or being recycled. */
    List<ChildProcess> children() {
        List<ChildProcess> all = new ArrayList<>();
        for (ChildProcess child : slots) {
            if (child != null) {
                all.add(child);
            }
        }
        all.addAll(retiring.keySet());
        return all;
    }

    /** From now on no child is started or replaced. */
    void close() {
        closing = true;
    }

    boolean closing() {
        return closing;
    }

    /** Every child process not yet seen to exit; safe from any thread. */
    List<ChildProcess> live() {
        return List.copyOf(live);
    }
}
