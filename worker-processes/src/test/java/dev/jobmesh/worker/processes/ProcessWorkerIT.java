package dev.jobmesh.worker.processes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.workload.BlockingJobRunner;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.testsupport.ErrorPages;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.testsupport.UntrustedJobs;
import dev.jobmesh.worker.processes.internal.supervisor.ChildProcessPool;
import dev.jobmesh.worker.processes.internal.supervisor.RestartReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * worker-processes end to end: jobs through real Kafka into real child processes of an in-process supervisor,
 * children killed, hung and timed out for real.
 */
class ProcessWorkerIT {

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration JOB_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ServiceExtension system = ProcessWorkers.extension();

    private static TestService worker;
    private static JobRoundTrip jobs;

    @BeforeAll
    static void startWorker() {
        jobs = system.jobs();
        worker = system.start(Map.of());
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
        assertThat(ProcessTable.childrenOf(ME)).as("children left after the supervisor stopped").isEmpty();
    }

    @AfterEach
    void poolIsWholeAgain() {
        awaitWholePool();
    }

    private static ChildProcessPool pool() {
        return ProcessWorkers.pool(worker);
    }

    private static void awaitWholePool() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pool().stats().ready()).isEqualTo(2);
            assertThat(pool().stats().alive()).isEqualTo(2);
            assertThat(ProcessTable.childrenOf(ME)).hasSize(2);
        });
    }

    private static Job job(String type, Map<String, Object> params, int maxAttempts, Long timeoutMs) {
        return new Job(UUID.randomUUID().toString(), type, Model.PROCESSES, params, Instant.now(), 1, maxAttempts,
                timeoutMs);
    }

    /** The pid of the child running the job, once one does. */
    private static long childRunning(String jobId, long notPid) {
        return await().atMost(JOB_WAIT).pollInterval(Duration.ofMillis(5)).until(
                () -> pool().children().stream()
                        .filter(c -> jobId.equals(c.jobId()) && c.pid() != notPid)
                        .mapToLong(ChildProcessPool.ChildInfo::pid).findFirst().orElse(0), pid -> pid != 0);
    }

    private static List<Integer> runningAttempts(String jobId) {
        return jobs.history(jobId).stream().filter(s -> s.status() == JobStatus.RUNNING).map(JobState::attempts).toList();
    }

    @Test
    void everyWorkloadSucceedsInAChildProcess() throws Exception {
        int doneBefore = pool().children().stream().mapToInt(ChildProcessPool.ChildInfo::jobsDone).sum();
        Job noop = jobs.send(JobRoundTrip.job(Model.PROCESSES, "noop", Map.of()));
        Job sleep = jobs.send(JobRoundTrip.job(Model.PROCESSES, "sleep", Map.of("ms", 120)));
        Job http = jobs.send(JobRoundTrip.job(Model.PROCESSES, "http", Map.of()));
        Job cpu = jobs.send(JobRoundTrip.job(Model.PROCESSES, "cpu", Map.of("limit", 100_000)));
        Job cpuDefault = jobs.send(JobRoundTrip.job(Model.PROCESSES, "cpu", Map.of()));

        assertThat(succeeded(noop).result()).isEmpty();
        JobState slept = succeeded(sleep);
        assertThat(slept.result()).containsEntry("sleptMs", 120);
        assertThat(slept.finishedAt()).isAfterOrEqualTo(slept.startedAt().plusMillis(120));
        assertThat(succeeded(http).result()).containsEntry("status", 200).containsEntry("bytes", 1024);
        assertThat(succeeded(cpu).result()).containsEntry("primes", 9592);
        assertThat(succeeded(cpuDefault).result()).containsEntry("primes", 17984);
        assertThat(succeeded(noop).worker()).startsWith("processes@");
        assertThat(pool().children().stream().mapToInt(ChildProcessPool.ChildInfo::jobsDone).sum() - doneBefore)
                .as("jobs the children ran").isEqualTo(5);

    }

    @Test
    void serviceIsReadyAndExportsChildStartupAndResidentSet() throws Exception {
        // Ready once the dispatch loop has partitions, and children are up.
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        String metrics = get("/actuator/prometheus").body();
        for (int slot = 0; slot < 2; slot++) {
            Matcher rss = Pattern.compile("jobmesh_processes_child_rss_bytes\\{[^}]*slot=\"" + slot + "\"[^}]*} (\\S+)")
                    .matcher(metrics);
            assertThat(rss.find()).as("rss of slot %d in %s", slot, metrics).isTrue();
            assertThat(Double.parseDouble(rss.group(1))).isBetween(1e6, 1e9);
        }
        Matcher startups = Pattern.compile("jobmesh_processes_child_startup_seconds_count\\{[^}]*} (\\S+)").matcher(metrics);
        assertThat(startups.find()).isTrue();
        assertThat(Double.parseDouble(startups.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("jobmesh_processes_child_restarts_total{").contains("reason=\"died\"")
                .contains("jobmesh_processes_children{");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(worker.managementUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JobState succeeded(Job job) throws InterruptedException {
        JobState state = jobs.awaitTerminal(job.id(), JOB_WAIT);
        assertThat(state.status()).as("%s: %s", job.type(), state.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(state.attempts()).isEqualTo(1);
        return state;
    }

    @Test
    void failingJobEndsWithTheErrorAThreadWouldGive() throws Exception {
        Job unreachable = jobs.send(job("http", Map.of("url", "http://127.0.0.1:9/"), 1, null));
        Job badParams = jobs.send(job("sleep", Map.of("ms", -5), 1, null));
        Job unknown = jobs.send(job("no-such-workload", Map.of(), 1, null));

        BlockingJobRunner inThisThread = new BlockingJobRunner(worker.context().getBean(WorkloadCatalog.class));
        for (Job job : List.of(unreachable, badParams, unknown)) {
            JobState state = jobs.awaitTerminal(job.id(), JOB_WAIT);
            assertThat(state.status()).isEqualTo(JobStatus.FAILED);
            assertThat(state.error().code()).isEqualTo(inThisThread.run(job).error().code());
            assertThat(state.error().message()).isNotBlank();
        }
    }

    @Test
    void everyRefusalOfItsPortIsAProblemBody() {
        ErrorPages.assertEveryRefusalIsAProblem(worker.baseUrl());
    }

    @Test
    void recordsWrittenStraightToKafkaThatTheGatewayWouldRefuseFailWithoutRunning() throws Exception {
        for (UntrustedJobs.Case untrusted : UntrustedJobs.cases()) {
            JobState state = jobs.awaitTerminal(jobs.send(job(untrusted.type(), untrusted.params(), 1, null)).id(), JOB_WAIT);
            assertThat(state.status()).as(untrusted.what()).isEqualTo(JobStatus.FAILED);
            assertThat(state.error().code()).as(untrusted.what()).isEqualTo(untrusted.code());
            assertThat(state.error().message().length()).as("%s: the error stays short", untrusted.what()).isLessThan(2_000);
        }
    }

    @Test
    void killedChildIsSeenAtOnceReplacedAndItsJobRetriedWhileAllJobsSucceed() throws Exception {
        List<Job> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(JobRoundTrip.job(Model.PROCESSES, "sleep", Map.of("ms", 15)));
        }
        jobs.send(batch);
        await().atMost(JOB_WAIT).until(() -> batch.stream().filter(j -> jobs.terminalCount(j.id()) > 0).count() >= 40);

        ChildProcessPool.ChildInfo victim = await().atMost(JOB_WAIT).pollInterval(Duration.ofMillis(1))
                .until(() -> pool().children().stream().filter(c -> c.jobId() != null).findFirst().orElse(null),
                        c -> c != null);
        long diedBefore = pool().stats().restarts(RestartReason.DIED);
        long killedAt = System.nanoTime();
        ProcessTable.signal("KILL", victim.pid());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                .until(() -> pool().stats().restarts(RestartReason.DIED) > diedBefore);
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - killedAt);

        List<JobState> ends = new ArrayList<>();
        for (Job job : batch) {
            ends.add(jobs.awaitTerminal(job.id(), JOB_WAIT));
        }
        assertThat(ends).extracting(JobState::status).containsOnly(JobStatus.SUCCEEDED).hasSize(200);
        assertThat(seenAfter).as("death noticed by process exit, not a poll").isLessThan(Duration.ofSeconds(1));
        // The job the killed child was running (not necessarily the one seen before the kill: jobs are short)
        // ran again; no other job did.
        List<JobState> retried = ends.stream().filter(s -> s.attempts() > 1).toList();
        assertThat(retried).hasSize(1);
        assertThat(retried.getFirst().attempts()).isEqualTo(2);
        assertThat(runningAttempts(retried.getFirst().id())).containsExactly(1, 2);
        assertThat(ProcessTable.childrenOf(ME)).doesNotContain(victim.pid());
    }

    @Test
    void jobThatKillsItsChildEveryTimeFailsWithChildDiedAndCannotCrashLoopThePool() throws Exception {
        Job killer = jobs.send(job("sleep", Map.of("ms", 30_000), 3, null));

        long pid = 0;
        Set<Long> killed = new java.util.HashSet<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            pid = childRunning(killer.id(), pid);
            killed.add(pid);
            ProcessTable.signal("KILL", pid);
        }

        JobState failed = jobs.awaitTerminal(killer.id(), JOB_WAIT);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.CHILD_DIED);
        assertThat(failed.error().message()).contains("attempt 3 of 3").contains("SIGKILL");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(killed).hasSize(3);
        // The service keeps serving.
        assertThat(jobs.awaitTerminal(jobs.send(JobRoundTrip.job(Model.PROCESSES, "noop", Map.of())).id(), JOB_WAIT)
                .status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void jobPastItsTimeLimitGetsItsChildKilledAndReplaced() throws Exception {
        long stoppedBefore = pool().stats().restarts(RestartReason.STOPPED);
        Job slow = jobs.send(job("sleep", Map.of("ms", 30_000), 1, 500L));
        long pid = childRunning(slow.id(), 0);

        JobState failed = jobs.awaitTerminal(slow.id(), JOB_WAIT);

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.TIMEOUT);
        assertThat(pool().stats().restarts(RestartReason.STOPPED)).isEqualTo(stoppedBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cancelledJobGetsItsChildKilledAndReplaced() throws Exception {
        long stoppedBefore = pool().stats().restarts(RestartReason.STOPPED);
        Job sleeper = jobs.send(job("sleep", Map.of("ms", 30_000), 3, null));
        long pid = childRunning(sleeper.id(), 0);

        jobs.cancel(sleeper.id());

        JobState cancelled = jobs.awaitTerminal(sleeper.id(), JOB_WAIT);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.attempts()).isEqualTo(1);
        assertThat(pool().stats().restarts(RestartReason.STOPPED)).isEqualTo(stoppedBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void hungChildIsKilledAndReplacedAndItsJobRetried() throws Exception {
        long hungBefore = pool().stats().restarts(RestartReason.HUNG);
        Job job = jobs.send(job("sleep", Map.of("ms", 2_000), 3, null));
        long pid = childRunning(job.id(), 0);

        // A stopped process neither runs nor exits nor closes its pipes: only missing heartbeats give it away.
        ProcessTable.signal("STOP", pid);

        JobState done = jobs.awaitTerminal(job.id(), JOB_WAIT);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(pool().stats().restarts(RestartReason.HUNG)).isEqualTo(hungBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
