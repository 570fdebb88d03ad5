package dev.jobmesh.system.journey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Any gateway instance answers for any job, and a restarted gateway still knows every earlier job. */
class GatewayInstancesIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    @Test
    void secondInstanceFindsJobsRightAfterTheFirstAcceptedThem() {
        ApiClient first = system.get().api();
        try (TestService second = InProcessSystem.gateway(system.get().settings())) {
            ApiClient other = second.api();
            for (int i = 0; i < 30; i++) {
                String id = first.submit("sleep", i % 2 == 0 ? "threads" : "virtual", "{\"ms\":500}");
                ApiClient.Response response = other.get("/api/jobs/" + id);
                assertThat(response.status()).as("GET %s on the second instance right after its 202", id).isEqualTo(200);
                assertThat(response.body().get("id").asString()).isEqualTo(id);
            }
        }
    }

    @Test
    void aJobSubmittedToOneInstanceIsWaitedOnAndCancelledThroughTheOther() {
        ApiClient first = system.get().api();
        try (TestService second = InProcessSystem.gateway(system.get().settings())) {
            ApiClient other = second.api();
            String quick = first.submit("sleep", "virtual", "{\"ms\":300}");
            JsonNode waited = other.awaitJob(quick, 30_000);
            assertThat(waited.get("status").asString()).as("waited on through the other instance").isEqualTo("SUCCEEDED");

            String slow = first.submit("sleep", "threads", "{\"ms\":30000}");
            ApiClient.Response cancel = other.delete("/api/jobs/" + slow);
            assertThat(cancel.status()).as("DELETE through the other instance").isEqualTo(202);
            for (ApiClient api : List.of(first, other)) {
                JsonNode job = api.awaitJob(slow, 30_000);
                assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
                assertThat(job.get("error").get("code").asString()).isEqualTo("CANCELLED");
            }
        }
    }

    @Test
    void restartedGatewayRebuildsItsViewFromKafka() {
        restartedGatewayStillReadsEarlierJobs(Map.of());
    }

    @Test
    void restartedGatewayResumesItsViewFromDisk(@TempDir Path directory) {
        restartedGatewayStillReadsEarlierJobs(Map.of("jobmesh.gateway.view.directory", directory.toString()));
    }

    private void restartedGatewayStillReadsEarlierJobs(Map<String, String> view) {
        List<String> ids = new ArrayList<>();
        List<JsonNode> before = new ArrayList<>();
        Map<String, String> settings = system.get().settings();
        settings.putAll(view);
        try (TestService gateway = InProcessSystem.gateway(settings)) {
            ApiClient api = gateway.api();
            for (String type : List.of("noop", "cpu", "sleep", "http")) {
                ids.add(api.submit(type, "threads", "{}"));
            }
            for (String id : ids) {
                before.add(api.awaitJob(id, 30_000));
            }
        }
        try (TestService restarted = InProcessSystem.gateway(settings)) {
            ApiClient api = restarted.api();
            for (int i = 0; i < ids.size(); i++) {
                JsonNode after = api.awaitJob(ids.get(i), 0);
                assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(after.equals(before.get(i))).as("%s equals %s", after, before.get(i)).isTrue();
            }
        }
    }
}
