package dev.jobmesh.core.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The resident set size of a service, the memory it really holds (heap, off-heap, code, thread stacks), read
 * from {@code /proc} at each scrape. A model whose work runs in other processes supplies their sum instead.
 */
public final class ResidentMemoryMetrics implements MeterBinder {

    /** Gauge, bytes: the service's resident memory (for worker-processes, with its children). */
    public static final String RSS = "process.memory.rss";

    private final LongSupplier residentBytes;

    public ResidentMemoryMetrics(LongSupplier residentBytes) {
        this.residentBytes = residentBytes;
    }

    /** This JVM's own resident memory. */
    public static ResidentMemoryMetrics ofThisProcess() {
        return new ResidentMemoryMetrics(() -> residentBytes(ProcessHandle.current().pid()));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(RSS, residentBytes, s -> {
                    long bytes = s.getAsLong();
                    return bytes < 0 ? Double.NaN : bytes;
                })
                .description("Resident set size")
                .baseUnit("bytes")
                .register(registry);
    }

    /** A process's resident bytes from /proc/PID/status, or -1 where that cannot be read. */
    public static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
