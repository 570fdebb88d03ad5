package dev.jobmesh.worker.async.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

/**
 * The bounded pool that blocking work is offloaded to, sized to the cores since its work is CPU. Its queue needs
 * no bound of its own: the dispatch loop's in-flight window bounds how many jobs can wait in it. Threads start on
 * first use, so a worker that runs no such job has none.
 */
public final class CpuPool implements MeterBinder, AutoCloseable {

    private final ExecutorService executor;

    public CpuPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the CPU pool needs at least one thread, not " + threads);
        }
        this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("jobmesh-cpu-", 0).factory());
    }

    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        new ExecutorServiceMetrics(executor, "jobmesh.async.cpu", List.of()).bindTo(registry);
    }

    /** Interrupts what still runs: the dispatch loop has drained, so those jobs are abandoned and redelivered. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
