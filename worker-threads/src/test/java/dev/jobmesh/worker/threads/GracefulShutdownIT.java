package dev.jobmesh.worker.threads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deployed worker, as its own process: SIGTERM lets in-flight jobs finish, commits, and exits 0. */
class GracefulShutdownIT {

    @RegisterExtension
    static final ServiceExtension system = ServiceExtension.of(WorkerThreadsApplication.class, "worker-threads")
            .withoutStarting();

    private ServiceProcess worker;

    @AfterEach
    void killWorker() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void sigtermFinishesInFlightJobsAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("worker.execJar"));
        assertThat(jar).exists();
        int port = ServiceProcess.freePort();
        worker = new ServiceProcess("graceful-shutdown-worker", ServiceProcess.java(jar, "256m",
                "--server.port=" + port, "--jobmesh.worker.model=virtual",
                "--jobmesh.kafka.bootstrap-servers=" + system.kafka().bootstrapServers()),
                "http://127.0.0.1:" + port + "/actuator/health", jar.getParent()).start();

        JobRoundTrip jobs = system.jobs();
        List<Job> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(JobRoundTrip.job(Model.VIRTUAL, "sleep", Map.of("ms", 2000)));
        }
        jobs.send(sent);
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.stream().allMatch(job ->
                jobs.history(job.id()).stream().anyMatch(s -> s.status() == JobStatus.RUNNING)));

        int exit = worker.terminate(); // SIGTERM while all 20 are running
        assertThat(exit).as("exit code; log:%n%s", worker.tail()).isZero();
        for (Job job : sent) {
            assertThat(jobs.awaitTerminal(job.id(), Duration.ofSeconds(5)).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(jobs.terminalCount(job.id())).isEqualTo(1);
        }
    }
}
