package dev.jobmesh.worker.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.JobRoundTrip;
import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.ServiceProcess;
import dev.jobmesh.worker.processes.internal.child.ChildMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The repackaged exec jar run as its own process, as it is deployed: its children must come from the jar
 * (extracted, since a plain {@code java -cp} cannot read nested jars) and must not outlive it.
 */
class ExecJarIT {

    @RegisterExtension
    static final ServiceExtension system = ProcessWorkers.extension();

    @TempDir
    static Path work;

    private static JobRoundTrip jobs;

    @BeforeAll
    static void roundTrip() {
        jobs = system.jobs();
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
                        .contains("dev.jobmesh.worker.processes.internal.child.ChildMain")
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

    private static Process startExecJar() throws Exception {
        Path jar = Path.of(System.getProperty("workerProcesses.execJar", "target/worker-processes-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(jar).isRegularFile();
        int port = ServiceProcess.freePort();
        return new ServiceProcess("exec-jar-supervisor", ServiceProcess.java(jar, "256m",
                "--server.port=" + port,
                "--jobmesh.kafka.bootstrap-servers=" + system.kafka().bootstrapServers(),
                "--jobmesh.workloads.http.default-url=" + system.target().url(),
                "--jobmesh.processes.children=2",
                "--jobmesh.processes.work-directory=" + work), "http://127.0.0.1:" + port + "/actuator/health",
                jar.getParent()).start(Duration.ofMinutes(3)).process(); // the first start may record the AOT cache
    }
}
