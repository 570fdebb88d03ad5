package dev.jobmesh.worker.processes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.testing.JobRoundTrip;
import dev.jobmesh.core.testing.TestKafka;
import dev.jobmesh.loadgen.target.HttpTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The repackaged exec jar run as its own process, as it is deployed: its children must come from the jar
 * (extracted, since a plain {@code java -cp} cannot read nested jars) and must not outlive it.
 */
class ExecJarIT {

    private static TestKafka kafka;

    @RegisterExtension
    static final BeforeAllCallback BROKER = context -> kafka = TestKafka.shared(context);

    @TempDir
    static Path work;

    private static HttpTarget target;
    private static JobRoundTrip jobs;

    @BeforeAll
    static void start() {
        target = HttpTarget.start("127.0.0.1", 0);
        jobs = new JobRoundTrip(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        jobs.close();
        target.close();
    }

    @Test
    void execJarRunsEveryWorkloadInChildrenFromTheJarAndLeavesNoneAfterSigterm() throws Exception {
        Process supervisor = startExecJar();
        try {
            List<Long> children = ProcessTable.childrenOf(supervisor.pid());
            assertThat(children).hasSize(2);
            for (long child : children) {
                assertThat(ProcessTable.commandLine(child)).contains(work.toString()).contains("classes.jar")
                        .containsPattern("-XX:(AOTCache|SharedArchiveFile)=" + work)
                        .contains("dev.jobmesh.worker.processes.internal.ChildMain")
                        .startsWith(supervisor.info().command().orElseThrow());
            }
            for (String type : List.of("noop", "sleep", "http", "cpu")) {
                Job job = jobs.send(JobRoundTrip.job(Model.PROCESSES, type, Map.of()));
                JobState state = jobs.awaitTerminal(job.id(), Duration.ofSeconds(60));
                assertThat(state.status()).as("%s: %s", type, state.error()).isEqualTo(JobStatus.SUCCEEDED);
            }

            ProcessTable.signal("TERM", supervisor.pid());

            assertThat(supervisor.waitFor(60, TimeUnit.SECONDS)).as("supervisor exited after SIGTERM").isTrue();
            assertThat(supervisor.exitValue()).isZero();
            assertThat(ProcessTable.childrenOf(supervisor.pid())).isEmpty();
        } finally {
            supervisor.destroyForcibly();
        }
    }

    @Test
    void childrenOfAKilledSupervisorExitOnTheirOwn() throws Exception {
        Process supervisor = startExecJar();
        try {
            assertThat(ProcessTable.childrenOf(supervisor.pid())).hasSize(2);

            // SIGKILL runs no shutdown code: only the children's end of input can tell them.
            ProcessTable.signal("KILL", supervisor.pid());

            assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.childrenOf(supervisor.pid()).isEmpty());
        } finally {
            supervisor.destroyForcibly();
        }
    }

    private static Process startExecJar() throws IOException {
        Path jar = Path.of(System.getProperty("workerProcesses.execJar", "target/worker-processes-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).isRegularFile();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process supervisor = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port,
                "--jobmesh.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--jobmesh.workloads.http.default-url=" + target.url(),
                "--jobmesh.processes.children=2",
                "--jobmesh.processes.work-directory=" + work)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                assertThat(supervisor.isAlive()).as("supervisor running").isTrue();
                return client.send(health, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).statusCode() == 200;
            });
        } catch (RuntimeException e) {
            supervisor.destroyForcibly();
            throw e;
        }
        return supervisor;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
