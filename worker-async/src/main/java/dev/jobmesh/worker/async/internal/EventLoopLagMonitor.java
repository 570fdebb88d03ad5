package dev.jobmesh.worker.async.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Measures each loop's lag: a timer is set every {@code interval} and records how late it fires. A loop that is
 * free fires it within a millisecond or so; a loop blocked by a job fires it only once the job lets go, so the lag
 * is how long jobs on that loop held it up.
 */
public final class EventLoopLagMonitor implements MeterBinder, AutoCloseable {

    /** Timer of how late a periodic timer fired, tagged {@code loop} with the loop's index. */
    public static final String METER = "jobmesh.eventloop.lag";

    private final EventLoops loops;
    private final long intervalNanos;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public EventLoopLagMonitor(EventLoops loops, Duration interval) {
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("the lag sample interval must be positive, not " + interval);
        }
        this.loops = loops;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<EventLoop> all = loops.all();
        for (int i = 0; i < all.size(); i++) {
            Timer lag = Timer.builder(METER)
                    .description("How late a periodic timer on the event loop fires: how long jobs held the loop")
                    .tag("loop", Integer.toString(i))
                    .register(registry);
            Probe probe = new Probe(all.get(i), lag);
            probes.add(probe);
            probe.arm();
        }
    }

    @Override
    public void close() {
        closed = true;
        probes.forEach(Probe::disarm);
    }

    private final class Probe implements Runnable {

        private final EventLoop loop;
        private final Timer lag;
        private volatile long dueNanos;
        private volatile ScheduledFuture<?> next;

        Probe(EventLoop loop, Timer lag) {
            this.loop = loop;
            this.lag = lag;
        }

        void arm() {
            if (closed) {
                return;
            }
            dueNanos = System.nanoTime() + intervalNanos;
            try {
                next = loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down; nothing left to measure.
            }
        }

        void disarm() {
            ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        @Override
        public void run() {
            lag.record(Math.max(0, System.nanoTime() - dueNanos), TimeUnit.NANOSECONDS);
            arm();
        }
    }
}
