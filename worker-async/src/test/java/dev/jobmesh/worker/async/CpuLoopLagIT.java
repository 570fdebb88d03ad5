package dev.jobmesh.worker.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.worker.async.internal.EventLoopLagMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop-lag metric shows what running {@code cpu} on the loop costs, and that the CPU pool avoids it. */
class CpuLoopLagIT {

    /** About half a second of CPU each on this kind of machine: long enough to show in the lag. */
    private static final int LIMIT = 5_000_000;
    private static final int JOBS = 4;

    @RegisterExtension
    static final ServiceExtension workers = ServiceExtension.of(WorkerAsyncApplication.class, "worker-async")
            .withoutStarting();

    @Test
    void cpuOnTheLoopRaisesLoopLagWhileOffloadedCpuDoesNot() throws Exception {
        long offloaded = worstLagWhileCpuJobsRun(CpuPlacement.POOL);
        long onLoop = worstLagWhileCpuJobsRun(CpuPlacement.LOOP);
        System.out.printf("worst loop lag while %d cpu jobs ran: %d ms offloaded, %d ms on the loop%n", JOBS,
                offloaded, onLoop);

        // On the loop, a timer waits at least as long as one job holds the loop (about 0.5 s at full speed).
        assertThat(onLoop).isGreaterThanOrEqualTo(400);
        assertThat(offloaded).isLessThan(onLoop / 4);
    }

    /** The longest single lag sample, in ms, while {@link #JOBS} cpu jobs run on a fresh worker. */
    private long worstLagWhileCpuJobsRun(CpuPlacement placement) throws Exception {
        JobRoundTrip jobs = workers.jobs();
        try (TestService worker = workers.start(Map.of("jobmesh.async.cpu.run-on", placement.name().toLowerCase()))) {
            // One job through first: the worker has its partitions and its code paths are warm.
            jobs.awaitTerminal(jobs.send(TestJobs.once("cpu", Map.of("limit", 100_000))).id(), Duration.ofSeconds(60));
            Timer lag = worker.bean(MeterRegistry.class).get(EventLoopLagMonitor.METER).tag("loop", "0").timer();

            LagWatch watch = new LagWatch(lag);
            try {
                List<Job> sent = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    sent.add(TestJobs.once("cpu", Map.of("limit", LIMIT)));
                }
                jobs.send(sent);
                for (Job job : sent) {
                    JobState state = jobs.awaitTerminal(job.id(), Duration.ofSeconds(60));
                    assertThat(state.status()).as("%s: %s", placement, state).isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(state.result()).containsEntry("primes", 348_513);
                }
                Thread.sleep(300); // the sample a blocked loop takes right after its last job
            } finally {
                watch.close();
            }
            return watch.worstMs();
        }
    }

    /**
     * Follows a lag timer's count and total while open, to find the worst sample in that window alone: the timer's
     * own max also covers the worker's start-up.
     */
    private static final class LagWatch implements AutoCloseable {

        private final Timer lag;
        private final Thread thread;
        private volatile boolean open = true;
        private volatile long worstNanos;

        LagWatch(Timer lag) {
            this.lag = lag;
            this.thread = Thread.ofPlatform().daemon().name("test-lag-watch").start(this::watch);
        }

        private void watch() {
            long count = lag.count();
            double total = lag.totalTime(TimeUnit.NANOSECONDS);
            while (open) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                long nowCount = lag.count();
                double nowTotal = lag.totalTime(TimeUnit.NANOSECONDS);
                if (nowCount > count) {
                    // At most one sample lands per 100 ms interval, so this is that sample's lag.
                    worstNanos = Math.max(worstNanos, (long) ((nowTotal - total) / (nowCount - count)));
                    count = nowCount;
                    total = nowTotal;
                }
            }
        }

        long worstMs() {
            return worstNanos / 1_000_000;
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            thread.join(5_000);
        }
    }
}
