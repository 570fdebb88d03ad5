package dev.jobmesh.worker.threads;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ErrorPages;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.testsupport.UntrustedJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** worker-threads end to end in both thread kinds: jobs sent to its topic on a real broker, statuses read back. */
class ThreadWorkerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Well under the workers' stop grace of a minute: a stop that ends sooner was carried out by the model. */
    private static final Duration STOPPED_BY_THE_MODEL = Duration.ofSeconds(30);

    @RegisterExtension
    static final ServiceExtension system = ServiceExtension.of(WorkerThreadsApplication.class, "worker-threads")
            .with("jobmesh.dispatch.stop-grace", "60s")
            .withoutStarting();

    private static TestService threads;
    private static TestService virtual;
    private static JobRoundTrip jobs;

    @BeforeAll
    static void startWorkers() {
        jobs = system.jobs();
        threads = system.start(Map.of("jobmesh.worker.model", "threads", "spring.application.name", "worker-threads"));
        virtual = system.start(Map.of("jobmesh.worker.model", "virtual", "spring.application.name", "worker-virtual"));
    }

    @AfterAll
    static void stopWorkers() {
        if (virtual != null) {
            virtual.close();
        }
        if (threads != null) {
            threads.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "VIRTUAL"})
    void everyWorkloadSucceedsWithItsResult(Model model) throws Exception {
        Job noop = jobs.send(JobRoundTrip.job(model, "noop", Map.of()));
        Job sleep = jobs.send(JobRoundTrip.job(model, "sleep", Map.of("ms", 120)));
        Job http = jobs.send(JobRoundTrip.job(model, "http", Map.of()));
        Job cpu = jobs.send(JobRoundTrip.job(model, "cpu", Map.of("limit", 100_000)));

        assertThat(succeeded(noop, model).result()).isEmpty();
        JobState slept = succeeded(sleep, model);
        assertThat(slept.result()).containsEntry("sleptMs", 120);
        assertThat(slept.finishedAt()).isAfterOrEqualTo(slept.startedAt().plusMillis(120));
        assertThat(succeeded(http, model).result()).containsEntry("status", 200).containsEntry("bytes", 1024);
        assertThat(succeeded(cpu, model).result()).containsEntry("primes", 9_592);
        assertThat(jobs.history(sleep.id())).extracting(JobState::status)
                .containsSubsequence(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "VIRTUAL"})
    void failuresEndWithTheirCodes(Model model) throws Exception {
        JobState refused = terminal(jobs.send(JobRoundTrip.once(model, "http", Map.of("url", ServiceSettings.CLOSED_URL), null)));
        JobState unknown = terminal(jobs.send(JobRoundTrip.once(model, "teleport", Map.of(), null)));
        JobState invalid = terminal(jobs.send(JobRoundTrip.once(model, "cpu", Map.of("limit", "many"), null)));

        assertThat(refused.error().code()).isEqualTo(JobError.CONNECTION_ERROR);
        assertThat(unknown.error().code()).isEqualTo(JobError.UNKNOWN_TYPE);
        assertThat(invalid.error().code()).isEqualTo(JobError.INVALID_PARAMS);
        assertThat(List.of(refused, unknown, invalid)).extracting(JobState::status).containsOnly(JobStatus.FAILED);
    }

    @Test
    void everyRefusalOfItsPortIsAProblemBody() {
        ErrorPages.assertEveryRefusalIsAProblem(threads.baseUrl());
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "VIRTUAL"})
    void recordsWrittenStraightToKafkaThatTheGatewayWouldRefuseFailWithoutRunning(Model model) throws Exception {
        for (UntrustedJobs.Case untrusted : UntrustedJobs.cases()) {
            JobState state = terminal(jobs.send(JobRoundTrip.once(model, untrusted.type(), untrusted.params(), null)));
            assertThat(state.status()).as(untrusted.what()).isEqualTo(JobStatus.FAILED);
            assertThat(state.error().code()).as(untrusted.what()).isEqualTo(untrusted.code());
            assertThat(state.error().message().length()).as("%s: the error stays short", untrusted.what()).isLessThan(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "VIRTUAL"})
    void aRunPastItsTimeLimitIsInterruptedAndFailsWithTimeout(Model model) throws Exception {
        long start = System.nanoTime();
        JobState failed = terminal(jobs.send(JobRoundTrip.once(model, "sleep", Map.of("ms", 30_000), 300L)));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STOPPED_BY_THE_MODEL);
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"THREADS", "VIRTUAL"})
    void aRunningJobCancelledOnTheControlTopicIsInterruptedAndEndsCancelled(Model model) throws Exception {
        Job sleep = jobs.send(JobRoundTrip.once(model, "sleep", Map.of("ms", 60_000), null));
        await().atMost(WAIT).until(() -> jobs.history(sleep.id()).stream().anyMatch(s -> s.status() == JobStatus.RUNNING));
        long start = System.nanoTime();

        jobs.cancel(sleep.id());

        JobState cancelled = terminal(sleep);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.error().code()).isEqualTo(JobError.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STOPPED_BY_THE_MODEL);
    }

    @Test
    void eachKindIsScrapedWithItsVariantAndReadyOnceItConsumes() {
        ApiClient platform = new ApiClient(threads.managementUrl());
        ApiClient virtualThreads = new ApiClient(virtual.managementUrl());

        assertThat(platform.get("/actuator/prometheus").raw().body())
                .containsPattern("jobs_completed_total\\{[^}]*model=\"threads\"[^}]*variant=\"pool-64\"")
                .containsPattern("executor_pool_core_threads\\{[^}]*name=\"jobmesh.threads.pool\"");
        assertThat(virtualThreads.get("/actuator/prometheus").raw().body())
                .containsPattern("jobs_completed_total\\{[^}]*model=\"virtual\"[^}]*variant=\"virtual\"");
        assertThat(platform.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(virtualThreads.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void refusesToServeAModelThatIsNotAThreadKind() {
        assertThatThrownBy(() -> system.start(Map.of("jobmesh.worker.model", "async")))
                .hasStackTraceContaining("worker-threads serves models threads and virtual, not async");
    }

    private static JobState terminal(Job job) throws InterruptedException {
        return jobs.awaitTerminal(job.id(), WAIT);
    }

    private static JobState succeeded(Job job, Model model) throws InterruptedException {
        JobState state = terminal(job);
        assertThat(state.status()).as("job %s: %s", job.type(), state).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(state.worker()).startsWith(model.id() + "@");
        assertThat(state.attempts()).isEqualTo(1);
        return state;
    }
}
