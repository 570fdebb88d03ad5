package dev.jobmesh.worker.async;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ErrorPages;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.UntrustedJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** worker-async end to end: jobs sent to {@code jobs.async} on a real broker, statuses read back from Kafka. */
class AsyncWorkerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Well under the worker's stop grace of a minute. */
    private static final Duration STOPPED_BY_THE_MODEL = Duration.ofSeconds(30);

    // With a minute's grace, a run stopped (cancelled, or at its limit) that ends sooner was ended by the model.
    @RegisterExtension
    static final ServiceExtension worker = ServiceExtension.of(WorkerAsyncApplication.class, "worker-async")
            .with("jobmesh.dispatch.stop-grace", "60s");

    private static JobRoundTrip jobs;

    @BeforeAll
    static void roundTrip() {
        jobs = worker.jobs();
    }

    @Test
    void everyWorkloadSucceedsWithItsResult() throws Exception {
        Job noop = jobs.send(JobRoundTrip.job(Model.ASYNC, "noop", Map.of()));
        Job sleep = jobs.send(JobRoundTrip.job(Model.ASYNC, "sleep", Map.of("ms", 120)));
        Job http = jobs.send(JobRoundTrip.job(Model.ASYNC, "http", Map.of()));
        Job cpu = jobs.send(JobRoundTrip.job(Model.ASYNC, "cpu", Map.of("limit", 100_000)));
        Job cpuDefault = jobs.send(JobRoundTrip.job(Model.ASYNC, "cpu", Map.of()));

        assertSucceeded(noop);
        JobState slept = assertSucceeded(sleep);
        assertThat(slept.result()).containsEntry("sleptMs", 120);
        assertThat(slept.finishedAt()).isAfterOrEqualTo(slept.startedAt().plusMillis(120));
        assertThat(assertSucceeded(http).result()).containsEntry("status", 200).containsEntry("bytes", 1024);
        assertThat(assertSucceeded(cpu).result()).containsEntry("primes", 9_592);
        assertThat(assertSucceeded(cpuDefault).result()).containsEntry("primes", 17_984);
    }

    @Test
    void everyRefusalOfItsPortIsAProblemBody() {
        ErrorPages.assertEveryRefusalIsAProblem(worker.service().baseUrl());
    }

    @Test
    void everyJobIsReportedRunningBeforeItsEnd() throws Exception {
        Job sleep = jobs.send(JobRoundTrip.job(Model.ASYNC, "sleep", Map.of("ms", 50)));
        assertSucceeded(sleep);

        List<JobStatus> seen = jobs.history(sleep.id()).stream().map(JobState::status).toList();
        assertThat(seen).containsSubsequence(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    }

    @Test
    void httpToAClosedPortFailsWithAConnectionError() throws Exception {
        JobState failed = awaitTerminal(jobs.send(TestJobs.once("http", Map.of("url", ServiceSettings.CLOSED_URL))));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.CONNECTION_ERROR);
        assertThat(failed.error().message()).isNotBlank();
    }

    @Test
    void jobsPastTheirTimeLimitFailWithTimeoutAtOnce() throws Exception {
        long start = System.nanoTime();
        Job sleep = jobs.send(TestJobs.once("sleep", Map.of("ms", 30_000), 300));
        Job http = jobs.send(TestJobs.once("http", Map.of(), 10)); // the target answers after 50 ms
        Job cpu = jobs.send(TestJobs.once("cpu", Map.of("limit", 5_000_000), 30));

        for (Job job : List.of(sleep, http, cpu)) {
            JobState failed = awaitTerminal(job);
            assertThat(failed.status()).as(job.type()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error().code()).as(job.type()).isEqualTo(JobError.TIMEOUT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STOPPED_BY_THE_MODEL);
    }

    @Test
    void runningJobCancelledOnTheControlTopicEndsCancelledAtOnce() throws Exception {
        Job sleep = jobs.send(TestJobs.once("sleep", Map.of("ms", 60_000)));
        await().atMost(WAIT).until(() -> jobs.history(sleep.id()).stream()
                .anyMatch(state -> state.status() == JobStatus.RUNNING));
        long start = System.nanoTime();

        jobs.cancel(sleep.id());

        JobState cancelled = awaitTerminal(sleep);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.error().code()).isEqualTo(JobError.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STOPPED_BY_THE_MODEL);
    }

    @Test
    void unknownTypesAndInvalidParamsFailWithTheirCodes() throws Exception {
        JobState unknown = awaitTerminal(jobs.send(TestJobs.once("teleport", Map.of())));
        JobState invalid = awaitTerminal(jobs.send(TestJobs.once("cpu", Map.of("limit", "many"))));

        assertThat(unknown.error().code()).isEqualTo(JobError.UNKNOWN_TYPE);
        assertThat(invalid.error().code()).isEqualTo(JobError.INVALID_PARAMS);
        assertThat(invalid.error().message()).contains("params.limit");
    }

    @Test
    void recordsWrittenStraightToKafkaThatTheGatewayWouldRefuseFailWithoutRunning() throws Exception {
        for (UntrustedJobs.Case untrusted : UntrustedJobs.cases()) {
            JobState state = awaitTerminal(jobs.send(TestJobs.once(untrusted.type(), untrusted.params())));
            assertThat(state.status()).as(untrusted.what()).isEqualTo(JobStatus.FAILED);
            assertThat(state.error().code()).as(untrusted.what()).isEqualTo(untrusted.code());
            assertThat(state.error().message().length()).as("%s: the error stays short", untrusted.what()).isLessThan(2_000);
        }
    }

    @Test
    void refusesToServeAnotherModel() {
        assertThatThrownBy(() -> worker.start(Map.of("jobmesh.worker.model", "threads")))
                .hasStackTraceContaining("worker-async serves model async, not threads");
    }

    @Test
    void loopLagRunningJobsAndTheCpuPoolAreScrapedWithTheModelsVariant() throws Exception {
        assertSucceeded(jobs.send(JobRoundTrip.job(Model.ASYNC, "noop", Map.of())));

        String scrape = get("/actuator/prometheus");

        assertThat(scrape).contains("jobmesh_eventloop_lag_seconds_max{application=\"worker-async\",loop=\"0\"}");
        assertThat(scrape).contains("jobmesh_async_jobs_running{");
        assertThat(scrape).containsPattern("executor_pool_core_threads\\{[^}]*name=\"jobmesh.async.cpu\"");
        assertThat(scrape).containsPattern("jobs_completed_total\\{[^}]*variant=\"loop-1-offload\"");
    }

    @Test
    void isReadyOnceItConsumes() throws Exception {
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    private static String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create(worker.service().managementUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        }
    }

    private static JobState awaitTerminal(Job job) throws InterruptedException {
        return jobs.awaitTerminal(job.id(), WAIT);
    }

    private static JobState assertSucceeded(Job job) throws InterruptedException {
        JobState state = awaitTerminal(job);
        assertThat(state.status()).as("job %s: %s", job.type(), state).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(state.model()).isEqualTo(Model.ASYNC);
        assertThat(state.worker()).startsWith("async@");
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(state.finishedAt()).isAfterOrEqualTo(state.startedAt());
        return state;
    }
}
