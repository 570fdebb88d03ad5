package dev.jobmesh.worker.processes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.worker.processes.internal.supervisor.ChildProcessPool;
import dev.jobmesh.worker.processes.internal.supervisor.RestartReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker-processes service started and stopped per test: shutdown, children that cannot start, recycling. */
@ExtendWith(OutputCaptureExtension.class)
class ProcessWorkerLifecycleIT {

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration JOB_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ServiceExtension system = ProcessWorkers.extension();

    private static JobRoundTrip jobs;

    @BeforeAll
    static void roundTrip() {
        jobs = system.jobs();
    }

    private static TestService start(String... settings) {
        Map<String, String> more = new java.util.LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            more.put(settings[i], settings[i + 1]);
        }
        return system.start(more);
    }

    @Test
    void gracefulStopFinishesRunningJobsThenLeavesNoChild() throws Exception {
        TestService worker = start();
        List<Long> pids = ProcessTable.childrenOf(ME);
        assertThat(pids).hasSize(2);
        Job first = jobs.send(JobRoundTrip.job(Model.PROCESSES, "sleep", Map.of("ms", 1_500)));
        Job second = jobs.send(JobRoundTrip.job(Model.PROCESSES, "sleep", Map.of("ms", 1_500)));
        await().atMost(JOB_WAIT).until(() -> ProcessWorkers.pool(worker).stats().busy() == 2);

        worker.close();

        for (Job job : List.of(first, second)) {
            JobState state = jobs.awaitTerminal(job.id(), Duration.ofSeconds(5));
            assertThat(state.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(state.attempts()).isEqualTo(1);
        }
        assertThat(ProcessTable.childrenOf(ME)).isEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("pid %d alive", pid).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad java path | jobmesh.processes.java        | /nonexistent/jdk/bin/java    | Cannot run program
            bad JVM flag  | jobmesh.processes.jvm-options | -XX:+NoSuchJobmeshChildFlag | Unrecognized VM option 'NoSuchJobmeshChildFlag'
            """)
    void childrenThatCannotStartMakeTheServiceUnhealthyWithAClearLogLine(String problem, String property, String value,
                                                                       String cause, CapturedOutput output) throws Exception {
        try (TestService worker = start(property, value)) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(URI.create(worker.managementUrl() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"DOWN\"");
                HttpResponse<String> readiness = client.send(
                        HttpRequest.newBuilder(URI.create(worker.managementUrl() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).isEqualTo(503);
            }
            assertThat(ProcessWorkers.pool(worker).stats().ready()).isZero();
            assertThat(output.getOut()).containsPattern("ERROR .* Child process \\d could not start \\(.*\\): .*" + Pattern.quote(cause))
                    .contains("so jobs wait and health is DOWN");
        }
        assertThat(ProcessTable.childrenOf(ME)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cds  | -XX:SharedArchiveFile=
            none | -Xmx64m
            """)
    void childrenRunJobsWithEveryKindOfStartupArchive(String archive, String inCommandLine) throws Exception {
        // JDK 25 picks an AOT cache by itself; the dynamic CDS archive is what JDK 19-24 get.
        try (TestService worker = start("jobmesh.processes.startup-archive", archive)) {
            for (long child : ProcessTable.childrenOf(ME)) {
                assertThat(ProcessTable.commandLine(child)).contains(inCommandLine).doesNotContain("-XX:AOTCache=");
            }
            runAll(4);
            assertThat(ProcessWorkers.pool(worker).stats().startups()).isEqualTo(2);
        }
    }

    @Test
    void childIsRecycledAfterItsMaxJobs() throws Exception {
        try (TestService worker = start("jobmesh.processes.max-jobs-per-child", "3")) {
            runAll(12);

            // 12 jobs, 3 per child: at least 3 children have served their 3 (4 unless both current ones are part-way).
            // A child is recycled just after its last job's outcome is out, so the count may lag the outcomes a little.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessWorkers.pool(worker).stats().restarts(RestartReason.MAX_JOBS) >= 3);
            awaitWholePool(ProcessWorkers.pool(worker));
            assertThat(ProcessWorkers.pool(worker).stats().restarts(RestartReason.MAX_JOBS)).isBetween(3L, 4L);
        }
        assertThat(ProcessTable.childrenOf(ME)).isEmpty();
    }

    @Test
    void childIsRecycledWhenItsResidentSetOutgrowsTheLimit() throws Exception {
        // Any JVM is far above 1 MB resident, so every child is replaced after its first job.
        try (TestService worker = start("jobmesh.processes.max-memory-per-child", "1MB")) {
            runAll(4);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessWorkers.pool(worker).stats().restarts(RestartReason.MAX_MEMORY) == 4);
            awaitWholePool(ProcessWorkers.pool(worker));
        }
        assertThat(ProcessTable.childrenOf(ME)).isEmpty();
    }

    private static void runAll(int count) throws InterruptedException {
        List<Job> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(JobRoundTrip.job(Model.PROCESSES, "noop", Map.of()));
        }
        jobs.send(batch);
        for (Job job : batch) {
            JobState state = jobs.awaitTerminal(job.id(), JOB_WAIT);
            assertThat(state.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(state.attempts()).isEqualTo(1);
        }
    }

    private static void awaitWholePool(ChildProcessPool pool) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pool.stats().ready()).isEqualTo(2);
            assertThat(ProcessTable.childrenOf(ME)).hasSize(2);
        });
    }
}
