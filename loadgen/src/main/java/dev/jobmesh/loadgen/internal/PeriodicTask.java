package dev.jobmesh.loadgen.internal;

import java.time.Duration;

/** Runs an action at a fixed interval on a daemon thread of its own, until closed. */
public final class PeriodicTask implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicTask(String name, Duration interval, Runnable action) {
        this.thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            while (running) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                action.run();
            }
        });
    }

    /** Starts running {@code action} every {@code interval}, the first time one interval from now. */
    public static PeriodicTask start(String name, Duration interval, Runnable action) {
        return new PeriodicTask(name, interval, action);
    }

    /** Stops and waits for a run in progress to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
