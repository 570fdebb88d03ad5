package dev.jobmesh.worker.async;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point of the model: thousands of waiting jobs on a handful of threads. The worker runs as its own process,
 * from the exec jar as deployed, because this JVM also runs the test broker's many threads.
 */
class ThousandsOfSleepsIT {

    private static final int JOBS = 5_000;
    private static final int SLEEP_MS = 2_000;

    @RegisterExtension
    static final ServiceExtension system = ServiceExtension.of(WorkerAsyncApplication.class, "worker-async")
            .withoutStarting();

    private ServiceProcess worker;
    private JobRoundTrip jobs;

    @BeforeEach
    void startWorker() throws Exception {
        Path jar = Path.of(System.getProperty("workerAsync.execJar", "target/worker-async-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).as("the exec jar; run through mvn verify, which packages it first").exists();
        int port = ServiceProcess.freePort();
        worker = new ServiceProcess("thousands-of-sleeps-worker", ServiceProcess.java(jar, "512m",
                "--jobmesh.kafka.bootstrap-servers=" + system.kafka().bootstrapServers(),
                "--jobmesh.dispatch.max-in-flight=" + JOBS,
                "--server.port=" + port,
                "--spring.main.banner-mode=off"), "http://127.0.0.1:" + port + "/actuator/health", jar.getParent())
                .start();
        jobs = system.jobs();
    }

    @AfterEach
    void stopWorker() throws InterruptedException {
        if (worker != null) {
            worker.terminate();
        }
    }

    @Test
    void fiveThousandSleepsRunAtOnceOnFewerThanFiftyThreads() throws Exception {
        try (ThreadCountWatch threads = new ThreadCountWatch(worker.pid())) {
            // The first job proves the worker is up and owns the partitions. The warm-up runs the same code path,
            // so the JIT has compiled it before 5,000 jobs must start within one sleep of 2 s.
            jobs.awaitTerminal(jobs.send(JobRoundTrip.job(Model.ASYNC, "noop", Map.of())).id(), Duration.ofSeconds(120));
            List<Job> warmUp = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                warmUp.add(JobRoundTrip.job(Model.ASYNC, "sleep", Map.of("ms", 10)));
            }
            awaitAll(jobs.send(warmUp));

            List<Job> sleeps = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                sleeps.add(JobRoundTrip.job(Model.ASYNC, "sleep", Map.of("ms", SLEEP_MS)));
            }
            List<JobState> ends = awaitAll(jobs.send(sleeps));

            assertThat(ends).allSatisfy(end -> assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED));
            // All 5,000 were running at once: the last one started before the first one finished.
            Instant lastStart = ends.stream().map(JobState::startedAt).max(Comparator.naturalOrder()).orElseThrow();
            Instant firstEnd = ends.stream().map(JobState::finishedAt).min(Comparator.naturalOrder()).orElseThrow();
            assertThat(lastStart).as("last start vs first end: all %d running at once", JOBS).isBefore(firstEnd);
            assertThat(threads.peak()).as("peak live threads of the worker process").isLessThan(50);
            System.out.printf("%d sleeps: started within %d ms, worker's peak thread count %d (%d samples), "
                            + "load average %s%n", JOBS, Duration.between(ends.stream().map(JobState::startedAt)
                            .min(Comparator.naturalOrder()).orElseThrow(), lastStart).toMillis(), threads.peak(),
                    threads.samples(), Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private List<JobState> awaitAll(List<Job> sent) throws InterruptedException {
        List<JobState> ends = new ArrayList<>();
        for (Job job : sent) {
            ends.add(jobs.awaitTerminal(job.id(), Duration.ofSeconds(120)));
        }
        return ends;
    }

    /** Samples the {@code Threads:} line of a process's {@code /proc/<pid>/status} every few milliseconds. */
    private static final class ThreadCountWatch implements AutoCloseable {

        private final Path status;
        private final Thread thread;
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private volatile boolean open = true;

        ThreadCountWatch(long pid) {
            this.status = Path.of("/proc", Long.toString(pid), "status");
            this.thread = Thread.ofPlatform().daemon().name("test-thread-count-watch").start(this::watch);
        }

        private void watch() {
            while (open) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("Threads:")) {
                            peak.accumulateAndGet(Integer.parseInt(line.substring(8).trim()), Math::max);
                            samples.incrementAndGet();
                        }
                    }
                    Thread.sleep(10);
                } catch (IOException e) {
                    return; // the process is gone
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int peak() {
            assertThat(samples.get()).as("thread count samples").isPositive();
            return peak.get();
        }

        int samples() {
            return samples.get();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            thread.join(5_000);
        }
    }
}
