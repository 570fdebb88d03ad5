package dev.jobmesh.worker.threads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.testing.JobRoundTrip;
import dev.jobmesh.core.testing.TestKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deployed worker, as its own process: SIGTERM lets in-flight jobs finish, commits, and exits 0. */
class GracefulShutdownIT {

    private static TestKafka kafka;

    @RegisterExtension
    static final BeforeAllCallback BROKER = context -> kafka = TestKafka.shared(context);

    private Process worker;

    @AfterEach
    void killWorker() {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly();
        }
    }

    @Test
    void sigtermFinishesInFlightJobsAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("worker.execJar"));
        assertThat(jar).exists();
        Path log = Files.createTempFile("worker-threads", ".log");
        worker = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m", "-jar",
                jar.toString(), "--server.port=0", "--jobmesh.worker.model=virtual",
                "--jobmesh.kafka.bootstrap-servers=" + kafka.bootstrapServers())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        try (JobRoundTrip jobs = new JobRoundTrip(kafka.bootstrapServers())) {
            List<Job> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(JobRoundTrip.job(Model.VIRTUAL, "sleep", Map.of("ms", 2000)));
            }
            jobs.send(sent);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.stream().allMatch(job ->
                    jobs.history(job.id()).stream().anyMatch(s -> s.status() == JobStatus.RUNNING)));

            worker.destroy(); // SIGTERM while all 20 are running
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("worker exits").isTrue();
            assertThat(worker.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
            for (Job job : sent) {
                assertThat(jobs.awaitTerminal(job.id(), Duration.ofSeconds(5)).status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(jobs.terminalCount(job.id())).isEqualTo(1);
            }
        }
    }
}
