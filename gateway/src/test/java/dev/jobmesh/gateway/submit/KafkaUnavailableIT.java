package dev.jobmesh.gateway.submit;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.testing.TestKafka;
import dev.jobmesh.gateway.system.ApiClient;
import dev.jobmesh.gateway.system.Services;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** When Kafka cannot take a job in time the client gets 503 with a problem body, never a 202. */
class KafkaUnavailableIT {

    @Test
    void submissionsGet503WhileKafkaIsDown() {
        TestKafka kafka = TestKafka.privateBroker();
        Map<String, Object> common = Services.common(kafka.bootstrapServers(), "http://127.0.0.1:9/");
        try (ConfigurableApplicationContext gateway = Services.gateway(common,
                Map.of("jobmesh.gateway.submit.kafka-timeout", "2s"))) {
            ApiClient api = new ApiClient(Services.baseUrl(gateway));
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
        }
    }
}
