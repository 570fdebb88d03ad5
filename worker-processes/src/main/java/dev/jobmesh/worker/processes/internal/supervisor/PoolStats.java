package dev.jobmesh.worker.processes.internal.supervisor;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pool's numbers, written by its supervisor thread and read from any thread (metrics, health, tests),
 * so the pool's own state never has to be shared.
 */
public final class PoolStats {

    /** How the pool is doing: down while no child is ready because children fail to start. */
    public record Health(boolean up, int children, int ready, int busy, int waiting, int startFailuresInARow,
                         String lastStartFailure) {
    }

    private final int size;
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLongArray slotPids;
    private final Map<RestartReason, AtomicLong> restarts = new EnumMap<>(RestartReason.class);
    private final AtomicLong startups = new AtomicLong();
    private final AtomicLong startupNanos = new AtomicLong();
    private final AtomicLong lastStartupNanos = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile int startFailuresInARow;
    private volatile String lastStartFailure;

    PoolStats(int size) {
        this.size = size;
        this.slotPids = new AtomicLongArray(size);
        for (RestartReason reason : RestartReason.values()) {
            restarts.put(reason, new AtomicLong());
        }
    }

    void spawned(int slot, long pid) {
        alive.incrementAndGet();
        slotPids.set(slot, pid);
    }

    void slotEmptied(int slot) {
        slotPids.set(slot, 0);
    }

    void exited() {
        alive.decrementAndGet();
    }

    void becameReady(long startup) {
        startups.incrementAndGet();
        startupNanos.addAndGet(startup);
        lastStartupNanos.set(startup);
        ready.incrementAndGet();
        startFailuresInARow = 0;
    }

    void noLongerReady() {
        ready.decrementAndGet();
    }

    void startFailed(int inARow, String why) {
        restarted(RestartReason.START_FAILED);
        startFailuresInARow = inARow;
        lastStartFailure = why;
    }

    void runStarted() {
        busy.incrementAndGet();
        waiting.decrementAndGet();
    }

    void runEnded() {
        busy.decrementAndGet();
    }

    void queued() {
        waiting.incrementAndGet();
    }

    void dropped() {
        waiting.decrementAndGet();
    }

    void runLost() {
        lost.incrementAndGet();
    }

    void restarted(RestartReason reason) {
        restarts.get(reason).incrementAndGet();
    }

    public Health health() {
        int readyNow = ready.get();
        int failures = startFailuresInARow;
        return new Health(!(readyNow == 0 && failures > 0), size, readyNow, busy.get(), waiting.get(), failures,
                lastStartFailure);
    }

    /** Slots, that is children the pool keeps. */
    public int size() {
        return size;
    }

    /** Child processes alive, including ones starting or being recycled. */
    public int alive() {
        return alive.get();
    }

    /** Children that have shaken hands and take jobs. */
    public int ready() {
        return ready.get();
    }

    public int busy() {
        return busy.get();
    }

    /** Jobs waiting for an idle child. */
    public int waiting() {
        return waiting.get();
    }

    /** The pid of the child in a slot, 0 while there is none. */
    public long pid(int slot) {
        return slotPids.get(slot);
    }

    public long restarts(RestartReason reason) {
        return restarts.get(reason).get();
    }

    /** Runs that ended because their child died or hung under them. */
    public long lost() {
        return lost.get();
    }

    /** Children that have shaken hands since the pool started. */
    public long startups() {
        return startups.get();
    }

    /** Total time from spawn to handshake over all those children, in nanoseconds. */
    public long startupNanos() {
        return startupNanos.get();
    }

    public long lastStartupNanos() {
        return lastStartupNanos.get();
    }
}
