package dev.jobmesh.loadgen.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import dev.jobmesh.loadgen.stats.ThroughputBound;

/**
 * Offers jobs at a fixed rate whatever the system does: job {@code i} is due at {@code start + i / rate}, a batch
 * goes when its last job is due, and every job is timed from when it was due - so a stalled system shows the
 * queue it built up instead of hiding it (coordinated omission corrected).
 */
public record OpenLoop(double ratePerSecond) implements LoadShape {

    public OpenLoop {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0");
        }
    }

    @Override
    public void drive(CellRun run, int batchSize) throws InterruptedException {
        double interval = 1e9 / ratePerSecond;
        long start = run.startNanos();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long index = 0; ; ) {
                int count = run.claim(batchSize, start + (long) (index * interval));
                if (count == 0) {
                    break;
                }
                long[] intended = new long[count];
                for (int k = 0; k < count; k++) {
                    intended[k] = start + (long) ((index + k) * interval);
                }
                index += count;
                for (long wait = intended[count - 1] - System.nanoTime(); wait > 0;
                        wait = intended[count - 1] - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                // Each batch waits for its outcomes on its own virtual thread, so a slow system never delays sending.
                executor.submit(() -> {
                    run.send(intended);
                    return null;
                });
            }
        }
    }

    @Override
    public ThroughputBound bound(LoadWorkload workload, ThroughputBound workloadBound) {
        return workloadBound != null && workloadBound.jobsPerSecond() <= ratePerSecond
                ? workloadBound
                : ThroughputBound.measured("offered rate", ratePerSecond);
    }

    @Override
    public String describe() {
        return "open loop, " + Math.round(ratePerSecond) + " jobs/s offered";
    }
}
