package dev.jobmesh.worker.async;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.workload.CpuWorkload;
import dev.jobmesh.core.workload.HttpAllowlist;
import dev.jobmesh.core.workload.HttpWorkload;
import dev.jobmesh.core.workload.NoopWorkload;
import dev.jobmesh.core.workload.SleepWorkload;
import dev.jobmesh.target.HttpTarget;
import dev.jobmesh.testsupport.OversizedBodyServer;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.worker.async.internal.CpuPool;
import dev.jobmesh.worker.async.internal.EventLoops;
import dev.jobmesh.worker.async.internal.LoopWorkloads;
import dev.jobmesh.worker.async.internal.NonBlockingHttp;
import dev.jobmesh.worker.async.internal.RunOnLoop;
import dev.jobmesh.worker.async.internal.RunOnPool;
import dev.jobmesh.worker.async.internal.RunningJobs;
import dev.jobmesh.worker.async.internal.SleepTimer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** The model on real event loops, a real CPU pool and the real HTTP target, without Kafka. */
class EventLoopModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HttpTarget target;
    private static HttpTarget slowTarget;

    private final EventLoops loops = new EventLoops(1);
    private final CpuPool pool = new CpuPool(2);
    private final ConnectionProvider connections = ConnectionProvider.builder("test").maxConnections(64)
            .pendingAcquireMaxCount(-1).build();
    private final CloseableHttpClient unusedBlockingClient = HttpClients.createDefault();
    private final RunningJobs running = new RunningJobs();

    private static OversizedBodyServer oversized;

    @BeforeAll
    static void startTargets() throws Exception {
        target = HttpTarget.start("127.0.0.1", 0);
        slowTarget = HttpTarget.start("127.0.0.1", 0, Duration.ofSeconds(5), 1);
        oversized = OversizedBodyServer.start();
    }

    @AfterAll
    static void stopTargets() {
        target.close();
        slowTarget.close();
        oversized.close();
    }

    @AfterEach
    void tearDown() {
        loops.close();
        pool.close();
        connections.dispose();
        unusedBlockingClient.close(CloseMode.IMMEDIATE);
    }

    private EventLoopModel model(CpuPlacement cpuPlacement) {
        HttpWorkload http = new HttpWorkload(unusedBlockingClient, new HttpAllowlist(List.of(hostPort(target),
                hostPort(slowTarget), oversized.hostPort(), "127.0.0.1:9")), URI.create(target.url()));
        HttpClient client = HttpClient.create(connections).runOn(loops.group()).responseTimeout(Duration.ofSeconds(10));
        CpuWorkload cpu = new CpuWorkload();
        return new EventLoopModel(loops, new LoopWorkloads(List.of(
                new RunOnLoop<>(new NoopWorkload()),
                new SleepTimer(new SleepWorkload()),
                new NonBlockingHttp(http, client),
                cpuPlacement == CpuPlacement.POOL ? new RunOnPool<>(cpu, pool.executor()) : new RunOnLoop<>(cpu))),
                running, "test");
    }

    private static String hostPort(HttpTarget t) {
        return "127.0.0.1:" + t.port();
    }

    private static RecordingExecution run(EventLoopModel model, Job job) throws InterruptedException {
        RecordingExecution execution = new RecordingExecution();
        model.execute(job, execution);
        execution.awaitOutcome(WAIT);
        return execution;
    }

    @Test
    void noopSucceedsOnTheLoopThread() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("noop", Map.of()));

        assertThat(execution.starts()).isEqualTo(1);
        assertThat(execution.outcomes()).containsExactly(JobOutcome.success(Map.of()));
        assertThat(execution.completingThread()).startsWith("jobmesh-loop");
    }

    @Test
    void sleepSucceedsWithItsDurationAfterWaitingIt() throws Exception {
        long start = System.nanoTime();
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("sleep", Map.of("ms", 150)));

        assertThat(execution.outcomes()).containsExactly(JobOutcome.success(Map.of("sleptMs", 150L)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(execution.completingThread()).startsWith("jobmesh-loop");
    }

    @Test
    void thousandsOfSleepsWaitTogetherWithoutAThreadEach() throws Exception {
        EventLoopModel model = model(CpuPlacement.POOL);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<RecordingExecution> executions = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            RecordingExecution execution = new RecordingExecution();
            model.execute(TestJobs.once("sleep", Map.of("ms", 1_000)), execution);
            executions.add(execution);
        }
        executions.getLast().awaitStarted(WAIT);
        assertThat(model.running()).isEqualTo(3_000);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 2);

        for (RecordingExecution execution : executions) {
            assertThat(execution.awaitOutcome(WAIT).succeeded()).isTrue();
        }
        assertThat(model.running()).isZero();
    }

    @Test
    void httpSucceedsWithTheTargetsAnswer() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("http", Map.of()));

        assertThat(execution.outcomes()).containsExactly(JobOutcome.success(Map.of("status", 200, "bytes", 1024)));
    }

    @Test
    void httpToAClosedPortFailsWithAConnectionError() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL),
                TestJobs.once("http", Map.of("url", ServiceSettings.CLOSED_URL)));

        JobOutcome outcome = execution.outcomes().getFirst();
        assertThat(outcome.error().code()).isEqualTo(JobError.CONNECTION_ERROR);
        assertThat(outcome.error().message()).isNotBlank();
    }

    @Test
    void httpWithABodyLongerThanTheTargetsFailsAndReadsItNoFurther() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL),
                TestJobs.once("http", Map.of("url", oversized.url())));

        JobOutcome outcome = execution.outcomes().getFirst();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error().message()).contains("longer");
        // 256 MB offered; the connection was dropped after the first bytes (the rest sat in socket buffers)
        assertThat(oversized.awaitWritten()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void cpuRunsOnThePoolByDefault() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("cpu", Map.of("limit", 100_000)));

        assertThat(execution.outcomes()).containsExactly(JobOutcome.success(Map.of("primes", 9_592)));
        assertThat(execution.completingThread()).startsWith("jobmesh-cpu-");
    }

    @Test
    void cpuRunsOnTheLoopWhenSoConfigured() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.LOOP), TestJobs.once("cpu", Map.of("limit", 100_000)));

        assertThat(execution.outcomes()).containsExactly(JobOutcome.success(Map.of("primes", 9_592)));
        assertThat(execution.completingThread()).startsWith("jobmesh-loop");
    }

    @Test
    void stoppedSleepEndsAtOnce() throws Exception {
        EventLoopModel model = model(CpuPlacement.POOL);
        RecordingExecution execution = new RecordingExecution();
        model.execute(TestJobs.once("sleep", Map.of("ms", 60_000)), execution);
        execution.awaitStarted(WAIT);
        assertThat(model.running()).isEqualTo(1);

        execution.stop();

        assertThat(execution.awaitOutcome(Duration.ofSeconds(5)).succeeded()).isFalse();
        assertThat(model.running()).isZero();
        assertThat(execution.outcomes()).hasSize(1);
    }

    @Test
    void stoppedHttpRequestEndsBeforeItsAnswer() throws Exception {
        EventLoopModel model = model(CpuPlacement.POOL);
        RecordingExecution execution = new RecordingExecution();
        model.execute(TestJobs.once("http", Map.of("url", slowTarget.url())), execution);
        execution.awaitStarted(WAIT);
        Thread.sleep(200); // the request is on the wire; the slow target answers after 5 s

        execution.stop();

        assertThat(execution.awaitOutcome(Duration.ofSeconds(3)).succeeded()).isFalse();
        assertThat(execution.outcomes()).hasSize(1);
    }

    @Test
    void stoppedCpuOnThePoolEndsAtOnce() throws Exception {
        RecordingExecution execution = new RecordingExecution();
        model(CpuPlacement.POOL).execute(TestJobs.once("cpu", Map.of("limit", 5_000_000)), execution);
        execution.awaitStarted(WAIT);

        execution.stop();

        assertThat(execution.awaitOutcome(Duration.ofSeconds(5)).succeeded()).isFalse();
        assertThat(execution.outcomes()).hasSize(1);
    }

    @Test
    void stoppedCpuOnTheLoopIsReportedAtOnceThoughTheLoopFinishesTheWork() throws Exception {
        RecordingExecution execution = new RecordingExecution();
        model(CpuPlacement.LOOP).execute(TestJobs.once("cpu", Map.of("limit", 5_000_000)), execution);
        execution.awaitStarted(WAIT);

        execution.stop(); // the loop is busy counting primes; the stop is reported from this thread

        assertThat(execution.awaitOutcome(Duration.ofSeconds(5)).succeeded()).isFalse();
        assertThat(execution.completingThread()).isEqualTo(Thread.currentThread().getName());
        Thread.sleep(1_000); // the count ends on the loop and its result is dropped
        assertThat(execution.outcomes()).hasSize(1);
    }

    @Test
    void resultRacingAStopCompletesEveryJobExactlyOnce() throws Exception {
        EventLoopModel model = model(CpuPlacement.POOL);
        ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor();
        List<RecordingExecution> executions = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                RecordingExecution execution = new RecordingExecution();
                model.execute(TestJobs.once("sleep", Map.of("ms", 20)), execution);
                stopper.schedule(execution::stop, 20, TimeUnit.MILLISECONDS);
                executions.add(execution);
            }
            for (RecordingExecution execution : executions) {
                execution.awaitOutcome(WAIT);
            }
            Thread.sleep(200); // time for a second, wrong completion to show up
        } finally {
            stopper.shutdownNow();
        }

        for (RecordingExecution execution : executions) {
            assertThat(execution.outcomes()).hasSize(1);
        }
        assertThat(model.running()).isZero();
    }

    @Test
    void jobStoppedBeforeItBeganEndsWithoutRunning() throws Exception {
        RecordingExecution execution = RecordingExecution.stoppedBeforeStart();
        model(CpuPlacement.POOL).execute(TestJobs.once("sleep", Map.of("ms", 60_000)), execution);

        assertThat(execution.awaitOutcome(Duration.ofSeconds(5)).error().code()).isEqualTo(JobError.CANCELLED);
        assertThat(execution.starts()).isZero();
        assertThat(execution.outcomes()).hasSize(1);
    }

    @Test
    void unknownTypeFailsWithUnknownType() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("teleport", Map.of()));

        assertThat(execution.starts()).isEqualTo(1);
        assertThat(execution.outcomes().getFirst().error().code()).isEqualTo(JobError.UNKNOWN_TYPE);
    }

    @Test
    void invalidParamsFailWithInvalidParamsNamingTheField() throws Exception {
        RecordingExecution execution = run(model(CpuPlacement.POOL), TestJobs.once("sleep", Map.of("ms", -1)));

        JobOutcome outcome = execution.outcomes().getFirst();
        assertThat(outcome.error().code()).isEqualTo(JobError.INVALID_PARAMS);
        assertThat(outcome.error().message()).contains("params.ms");
    }
}
