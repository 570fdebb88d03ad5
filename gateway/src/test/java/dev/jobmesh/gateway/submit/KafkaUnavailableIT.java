package dev.jobmesh.gateway.submit;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When Kafka cannot take a job in time the client gets 503 with a problem body, never a 202, and never a hang. */
class KafkaUnavailableIT {

    @Test
    void submissionsGet503WhileKafkaIsDown() {
        TestKafka kafka = TestKafka.privateBroker();
        Map<String, String> settings = ServiceSettings.gateway(kafka.bootstrapServers(), ServiceSettings.CLOSED_URL);
        settings.put("jobmesh.gateway.submit.kafka-timeout", "2s");
        try (TestService gateway = TestService.start(GatewayApplication.class, "gateway", settings)) {
            ApiClient api = gateway.api();
            assertThat(api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}").status()).isEqualTo(202);

            kafka.close();

            long start = System.nanoTime();
            ApiClient.Response single = api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}");
            ApiClient.Response batch = api.post("/api/jobs/batch", "{\"jobs\":[{\"type\":\"noop\",\"model\":\"virtual\"}]}");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            for (ApiClient.Response response : new ApiClient.Response[]{single, batch}) {
                assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body().get("type").asString()).isEqualTo("/problems/kafka-unavailable");
                assertThat(response.header("Retry-After")).isEqualTo("1");
            }
            assertThat(took).isLessThan(Duration.ofSeconds(30));

            // A lookup of an id the view does not know waits for the view to catch up, but no longer than the
            // catch-up timeout (5 s), even though the broker never answers: then it answers from what it has.
            long lookup = System.nanoTime();
            assertThat(api.get("/api/jobs/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
            assertThat(Duration.ofNanos(System.nanoTime() - lookup)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
