package dev.jobmesh.system.journey;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.target.HttpTarget;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finished jobs leave the view and the topic once past the retention; unfinished ones stay.
 * Runs on a broker of its own: its tombstones would otherwise remove other tests' jobs.
 */
class StatusRetentionIT {

    private static TestKafka kafka;
    private static HttpTarget target;
    private static Map<String, String> common;
    private static TestService gateway;
    private static TestService worker;

    @BeforeAll
    static void start() {
        kafka = TestKafka.privateBroker();
        target = HttpTarget.start("127.0.0.1", 0, Duration.ofMillis(50), 1);
        common = ServiceSettings.common(kafka.bootstrapServers(), target.url());
        common.put("jobmesh.kafka.status-retention", "2s");
        common.put("jobmesh.gateway.view.sweep-interval", "300ms");
        gateway = InProcessSystem.gateway(common);
        worker = InProcessSystem.worker(common, Model.VIRTUAL);
    }

    @AfterAll
    static void stop() {
        worker.close();
        gateway.close();
        target.close();
        kafka.close();
    }

    @Test
    void finishedJobsAreRemovedAfterTheRetentionAndRunningOnesKept() {
        ApiClient api = gateway.api();
        String finished = api.submit("noop", "virtual", "{}");
        String running = api.submit("sleep", "virtual", "{\"ms\":12000}");
        assertThat(api.awaitJob(finished, 20_000).get("status").asString()).isEqualTo("SUCCEEDED");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/jobs/" + finished).status() == 404);
        assertThat(api.get("/api/jobs/" + running).status()).isEqualTo(200);

        // A gateway that rebuilds its view from the topic sees the tombstone too.
        try (TestService fresh = InProcessSystem.gateway(common)) {
            ApiClient other = fresh.api();
            assertThat(other.get("/api/jobs/" + finished).status()).isEqualTo(404);
            assertThat(other.get("/api/jobs/" + running).status()).isEqualTo(200);
        }
    }
}
