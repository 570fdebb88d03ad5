package dev.jobmesh.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jobmesh.gateway.system.ApiClient;
import dev.jobmesh.gateway.system.Services;
import dev.jobmesh.gateway.system.UsesJobmeshSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Any gateway instance answers for any job, and a restarted gateway still knows every earlier job. */
class GatewayInstancesIT {

    @RegisterExtension
    static final UsesJobmeshSystem system = new UsesJobmeshSystem();

    @Test
    void secondInstanceFindsJobsRightAfterTheFirstAcceptedThem() {
        ApiClient first = system.get().api();
        try (ConfigurableApplicationContext second = Services.gateway(system.get().commonProperties(), Map.of())) {
            ApiClient other = new ApiClient(Services.baseUrl(second));
            for (int i = 0; i < 30; i++) {
                String id = first.submit("sleep", i % 2 == 0 ? "threads" : "virtual", "{\"ms\":500}");
                ApiClient.Response response = other.get("/api/jobs/" + id);
                assertThat(response.status()).as("GET %s on the second instance right after its 202", id).isEqualTo(200);
                assertThat(response.body().get("id").asString()).isEqualTo(id);
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

    private void restartedGatewayStillReadsEarlierJobs(Map<String, Object> view) {
        List<String> ids = new ArrayList<>();
        List<JsonNode> before = new ArrayList<>();
        Map<String, Object> common = system.get().commonProperties();
        try (ConfigurableApplicationContext gateway = Services.gateway(common, view)) {
            ApiClient api = new ApiClient(Services.baseUrl(gateway));
            for (String type : List.of("noop", "cpu", "sleep", "http")) {
                ids.add(api.submit(type, "threads", "{}"));
            }
            for (String id : ids) {
                before.add(api.awaitJob(id, 30_000));
            }
        }
        try (ConfigurableApplicationContext restarted = Services.gateway(common, view)) {
            ApiClient api = new ApiClient(Services.baseUrl(restarted));
            for (int i = 0; i < ids.size(); i++) {
                JsonNode after = api.awaitJob(ids.get(i), 0);
                assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(after.equals(before.get(i))).as("%s equals %s", after, before.get(i)).isTrue();
            }
        }
    }
}
