package dev.jobmesh.system.journey;

import java.time.Duration;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every service exposes Prometheus metrics and health probes; workers report the shared job meters. */
class MetricsIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private static String scrape(String managementUrl) {
        ApiClient.Response response = new ApiClient(managementUrl).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.raw().body();
    }

    @Test
    void workersReportTheSharedJobMetersFromTheStart() {
        ApiClient api = system.get().api();
        String id = api.submit("cpu", "virtual", "{\"limit\":1000}");
        assertThat(api.awaitJob(id, 20_000).get("status").asString()).isEqualTo("SUCCEEDED");

        String virtual = scrape(system.get().worker(Model.VIRTUAL).managementUrl());
        assertThat(virtual).containsPattern(
                "jobs_completed_total\\{[^}]*model=\"virtual\"[^}]*outcome=\"succeeded\"[^}]*type=\"cpu\"[^}]*} [1-9]");
        // Registered at zero before any such job ran.
        assertThat(virtual).containsPattern(
                "jobs_completed_total\\{[^}]*model=\"virtual\"[^}]*outcome=\"cancelled\"[^}]*type=\"http\"[^}]*} 0.0");
        assertThat(virtual).contains("jobs_queue_wait_seconds_bucket{", "jobs_execution_seconds_bucket{",
                "jobs_in_flight{");
        assertThat(virtual).contains("process_memory_rss_bytes{");
        // The client reports per-partition lag once it has fetched from each partition.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                scrape(system.get().worker(Model.VIRTUAL).managementUrl())
                        .contains("kafka_consumer_fetch_manager_records_lag{"));
        assertThat(virtual).contains("jvm_threads_virtual_pinned_seconds_count");
        String threads = scrape(system.get().worker(Model.THREADS).managementUrl());
        assertThat(threads).containsPattern("jobs_in_flight\\{[^}]*model=\"threads\"[^}]*variant=\"pool-64\"");
        assertThat(threads).containsPattern("executor_active_threads\\{[^}]*name=\"jobmesh.threads.pool\"")
                .containsPattern("executor_queued_tasks\\{[^}]*name=\"jobmesh.threads.pool\"");
        // End to end is measured once, by the gateway that accepted the job.
        assertThat(scrape(system.get().gateway().managementUrl())).containsPattern(
                "jobs_end_to_end_seconds_count\\{[^}]*model=\"virtual\"[^}]*outcome=\"succeeded\"[^}]*type=\"cpu\"[^}]*} [1-9]");
    }

    @Test
    void gatewayCountsAcceptedJobsAndRejectionsByReason() {
        ApiClient api = system.get().api();
        api.submit("noop", "threads", "{}");
        assertThat(api.post("/api/jobs", "{\"type\":\"nope\",\"model\":\"threads\"}").status()).isEqualTo(422);
        String gateway = scrape(system.get().gateway().managementUrl());
        assertThat(gateway).containsPattern("jobmesh_gateway_jobs_accepted_total\\{[^}]*} [1-9]");
        assertThat(gateway).containsPattern(
                "jobmesh_gateway_requests_rejected_total\\{[^}]*reason=\"invalid-request\"[^}]*} [1-9]");
        assertThat(gateway).contains("jobmesh_gateway_requests_rejected_total{", "reason=\"kafka-unavailable\"",
                "jobmesh_gateway_kafka_write_seconds_bucket{");
    }

    @Test
    void workerIsReadyOnlyWhileItConsumes() {
        ApiClient worker = new ApiClient(system.get().worker(Model.THREADS).managementUrl());
        ApiClient.Response readiness = worker.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.raw().body()).contains("\"UP\"");
        assertThat(worker.get("/actuator/health/liveness").status()).isEqualTo(200);
        ApiClient gateway = new ApiClient(system.get().gateway().managementUrl());
        assertThat(gateway.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
