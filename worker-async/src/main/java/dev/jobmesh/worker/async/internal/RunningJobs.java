package dev.jobmesh.worker.async.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** How many jobs run on the loops: started and not yet ended. */
public final class RunningJobs implements MeterBinder {

    /** Gauge of the jobs started and not yet ended. */
    public static final String METER = "jobmesh.async.jobs.running";

    private final AtomicInteger count = new AtomicInteger();

    void started() {
        count.incrementAndGet();
    }

    void ended() {
        count.decrementAndGet();
    }

    public int count() {
        return count.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METER, this, RunningJobs::count)
                .description("Jobs started on the event loops and not yet ended")
                .register(registry);
    }
}
