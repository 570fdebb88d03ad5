package dev.jobmesh.loadgen.calibrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.workload.CpuWorkload;

/**
 * Measures how long one {@code cpu} job's work takes on one core of this machine: the workers' own prime count,
 * run here until the JIT has compiled it, then timed alone, median of many runs. Timing it through the system
 * instead, one job at a time, came out 15-20 % slower than the same jobs ran under load (a core woken from idle,
 * code only partly compiled), which would put the bound below what the models reach.
 */
public final class CpuCalibration {

    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final int MEASURED = 31;

    /** The median time of one prime count up to {@code limit} on this thread, after a warm-up. */
    public Duration singleJob(int limit) throws InterruptedException {
        long warmUpEnd = System.nanoTime() + WARM_UP.toNanos();
        while (System.nanoTime() < warmUpEnd) {
            CpuWorkload.countPrimes(limit);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            CpuWorkload.countPrimes(limit);
            times.add(System.nanoTime() - start);
        }
        times.sort(null);
        return Duration.ofNanos(times.get(times.size() / 2));
    }
}
