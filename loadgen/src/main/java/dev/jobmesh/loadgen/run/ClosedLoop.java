package dev.jobmesh.loadgen.run;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.jobmesh.loadgen.stats.ThroughputBound;

/**
 * Keeps {@code concurrency} jobs in flight: lanes of one batch each, every lane sending its next batch as soon as
 * the last one finished. Jobs are timed from when they were sent.
 */
public record ClosedLoop(int concurrency) implements LoadShape {

    public ClosedLoop {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    @Override
    public void drive(CellRun run, int batchSize) throws InterruptedException {
        int lanes = (concurrency + batchSize - 1) / batchSize;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int lane = 0; lane < lanes; lane++) {
                int size = Math.min(batchSize, concurrency - lane * batchSize);
                executor.submit(() -> {
                    while (true) {
                        long now = System.nanoTime();
                        int count = run.claim(size, now);
                        if (count == 0) {
                            return null;
                        }
                        long[] intended = new long[count];
                        Arrays.fill(intended, now);
                        run.send(intended);
                    }
                });
            }
        }
    }

    @Override
    public ThroughputBound bound(LoadWorkload workload, ThroughputBound workloadBound) {
        return workload.waitPerJob() == null ? workloadBound : ThroughputBound.waiting(concurrency, workload.waitPerJob());
    }

    @Override
    public String describe() {
        return "closed loop, " + concurrency + " in flight";
    }
}
