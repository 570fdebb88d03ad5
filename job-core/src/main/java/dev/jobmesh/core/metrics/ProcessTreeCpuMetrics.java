package dev.jobmesh.core.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * CPU time of a service and every process it started: its own, its finished children's (as the kernel adds
 * them up when they are reaped) and its running children's. For the process model that is the real cost of a
 * job; for the others it equals the JVM's own CPU time.
 */
public final class ProcessTreeCpuMetrics implements MeterBinder {

    /** Counter, seconds: CPU time of the service and all its children. */
    public static final String CPU_TIME = "process.tree.cpu.time";

    /** Linux reports /proc times in clock ticks of 1/100 s on every architecture jobmesh runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(CPU_TIME, this, ProcessTreeCpuMetrics::seconds)
                .description("CPU time of the service and every process it started")
                .baseUnit("seconds")
                .register(registry);
    }

    double seconds() {
        double own = ownAndReapedChildren();
        if (Double.isNaN(own)) {
            return Double.NaN;
        }
        double running = ProcessHandle.current().descendants()
                .mapToDouble(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9)
                .sum();
        return own + running;
    }

    private static double ownAndReapedChildren() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which may itself hold spaces or parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12])   // utime, stime
                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);     // cutime, cstime
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
