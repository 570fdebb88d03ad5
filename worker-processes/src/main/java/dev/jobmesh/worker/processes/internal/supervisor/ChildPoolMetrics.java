package dev.jobmesh.worker.processes.internal.supervisor;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The pool's meters: children alive and busy, jobs waiting, restarts by reason, child start-up time and each
 * child's resident set. They read {@link PoolStats}, so they see everything since the pool started whenever
 * they are bound.
 */
public final class ChildPoolMetrics implements MeterBinder {

    private final PoolStats stats;

    public ChildPoolMetrics(PoolStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("jobmesh.processes.children", stats, PoolStats::alive)
                .description("Child processes alive, including ones starting or being recycled")
                .register(registry);
        Gauge.builder("jobmesh.processes.children.ready", stats, PoolStats::ready)
                .description("Child processes that have shaken hands and take jobs")
                .register(registry);
        Gauge.builder("jobmesh.processes.children.busy", stats, PoolStats::busy)
                .description("Child processes running a job")
                .register(registry);
        Gauge.builder("jobmesh.processes.jobs.waiting", stats, PoolStats::waiting)
                .description("Jobs waiting for an idle child")
                .register(registry);
        FunctionCounter.builder("jobmesh.processes.runs.lost", stats, PoolStats::lost)
                .description("Runs that ended because their child died or hung under them")
                .register(registry);
        for (RestartReason reason : RestartReason.values()) {
            FunctionCounter.builder("jobmesh.processes.child.restarts", stats, p -> p.restarts(reason))
                    .description("Child processes replaced, by reason")
                    .tag("reason", reason.tag())
                    .register(registry);
        }
        FunctionTimer.builder("jobmesh.processes.child.startup", stats, PoolStats::startups,
                        PoolStats::startupNanos, TimeUnit.NANOSECONDS)
                .description("Time from starting a child process to its handshake")
                .register(registry);
        Gauge.builder("jobmesh.processes.child.startup.last", stats, p -> p.lastStartupNanos() / 1e9)
                .description("Start-up time of the most recently started child")
                .baseUnit("seconds")
                .register(registry);
        for (int slot = 0; slot < stats.size(); slot++) {
            int s = slot;
            Gauge.builder("jobmesh.processes.child.rss", stats, p -> residentSetSize(p.pid(s)))
                    .description("Resident set size of the child process in this slot")
                    .baseUnit("bytes")
                    .tag("slot", Integer.toString(slot))
                    .register(registry);
        }
    }

    private static double residentSetSize(long pid) {
        if (pid == 0) {
            return Double.NaN;
        }
        OptionalLong rss = ResidentSetSize.of(pid);
        return rss.isPresent() ? rss.getAsLong() : Double.NaN;
    }
}
