package dev.jobmesh.loadgen.resources;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobmesh.loadgen.internal.PeriodicTask;

/**
 * Samples every probe while a cell runs, on a thread of its own: CPU as the difference between the first and last
 * reading over the time between them, memory as the peak of the readings.
 */
public final class ResourceSampler implements AutoCloseable {

    private final List<ResourceProbe> probes;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final PeriodicTask task;

    private ResourceSampler(List<ResourceProbe> probes, Duration interval) {
        this.probes = probes;
        sampleAll();
        this.task = PeriodicTask.start("loadgen-resources", interval, this::sampleAll);
    }

    /** Starts sampling now. */
    public static ResourceSampler start(List<ResourceProbe> probes, Duration interval) {
        return new ResourceSampler(probes, interval);
    }

    /** Stops sampling, takes a last reading and returns each process's usage (processes never read are left out). */
    public Map<String, ResourceUsage> finish() {
        close();
        sampleAll();
        Map<String, ResourceUsage> usage = new LinkedHashMap<>();
        synchronized (tracked) {
            tracked.forEach((name, t) -> t.usage().ifPresent(u -> usage.put(name, u)));
        }
        return usage;
    }

    @Override
    public void close() {
        task.close();
    }

    private void sampleAll() {
        for (ResourceProbe probe : probes) {
            Optional<ResourceProbe.Sample> sample = probe.sample();
            long now = System.nanoTime();
            sample.ifPresent(s -> {
                synchronized (tracked) {
                    tracked.computeIfAbsent(probe.name(), n -> new Tracked()).add(s, now);
                }
            });
        }
    }

    private static final class Tracked {
        private ResourceProbe.Sample first;
        private long firstNanos;
        private ResourceProbe.Sample last;
        private long lastNanos;
        private long peakRss;

        void add(ResourceProbe.Sample sample, long nanos) {
            if (first == null) {
                first = sample;
                firstNanos = nanos;
            }
            last = sample;
            lastNanos = nanos;
            peakRss = Math.max(peakRss, sample.rssBytes());
        }

        Optional<ResourceUsage> usage() {
            if (first == null || lastNanos == firstNanos) {
                return Optional.empty();
            }
            double seconds = (lastNanos - firstNanos) / 1e9;
            return Optional.of(new ResourceUsage(Math.max(0, last.cpuSeconds() - first.cpuSeconds()) / seconds, peakRss));
        }
    }
}
