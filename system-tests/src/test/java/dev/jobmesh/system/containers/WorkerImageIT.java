package dev.jobmesh.system.containers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.target.HttpTarget;
import dev.jobmesh.testsupport.JobRoundTrip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each worker image, started as a container against a broker in a container, serves jobs of every workload written
 * straight to its jobs topic, and reports them on jobs.status: the image alone, without a gateway.
 */
@Testcontainers(disabledWithoutDocker = true)
class WorkerImageIT {

    private static final int KAFKA_PORT = LoopbackContainers.freePort();

    @Container
    static final GenericContainer<?> KAFKA = LoopbackContainers.kafka(KAFKA_PORT, LoopbackContainers.freePort());

    private static HttpTarget target;

    @BeforeAll
    static void startTarget() {
        target = HttpTarget.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void workerImageRunsEveryWorkloadFromItsTopic(Model model) throws Exception {
        String bootstrap = "127.0.0.1:" + KAFKA_PORT;
        try (GenericContainer<?> worker = LoopbackContainers.worker(model, LoopbackContainers.freePort(), bootstrap,
                target.url());
             JobRoundTrip kafka = new JobRoundTrip(bootstrap)) {
            worker.start();
            List<Job> jobs = kafka.send(List.of(
                    JobRoundTrip.job(model, "noop", Map.of()),
                    JobRoundTrip.job(model, "sleep", Map.of("ms", 20)),
                    JobRoundTrip.job(model, "http", Map.of()),
                    JobRoundTrip.job(model, "cpu", Map.of("limit", 20_000))));

            for (Job job : jobs) {
                JobState state = kafka.awaitTerminal(job.id(), Duration.ofSeconds(60));
                assertThat(state.status()).as("%s on %s: %s", job.type(), model, state.error()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(state.worker()).as("the worker that ran it").startsWith(model.id());
                assertThat(kafka.terminalCount(job.id())).as("one outcome").isEqualTo(1);
            }
            JobState http = kafka.awaitTerminal(jobs.get(2).id(), Duration.ofSeconds(1));
            assertThat(http.result()).as("the target's answer").containsEntry("status", 200)
                    .containsEntry("bytes", HttpTarget.BODY_SIZE);
        }
    }
}
