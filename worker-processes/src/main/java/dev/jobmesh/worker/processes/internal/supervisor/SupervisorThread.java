package dev.jobmesh.worker.processes.internal.supervisor;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all of a pool's state. Reader threads, timers and callers only hand it tasks, so no
 * state is shared and no lock is held while a process starts or a frame is written.
 */
final class SupervisorThread {

    private static final Logger log = LoggerFactory.getLogger(SupervisorThread.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("jobmesh-supervisor").factory());

    /** Runs the task on the supervisor thread; false once the thread has stopped. */
    boolean post(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void later(Runnable task, Duration delay) {
        try {
            executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped: nothing is due any more
        }
    }

    void every(Runnable task, Duration period) {
        executor.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the task on the supervisor thread and waits for its answer; {@code whenStopped} once it has stopped. */
    <T> T call(Callable<T> task, T whenStopped) {
        try {
            return executor.submit(task).get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return whenStopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenStopped;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("supervisor did not answer", e);
        }
    }

    void stop() {
        executor.shutdownNow();
    }

    /** The supervisor thread must survive what a task throws, and a periodic task keep running. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Supervisor task failed", e);
            }
        };
    }
}
