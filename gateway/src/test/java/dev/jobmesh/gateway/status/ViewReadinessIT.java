package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A started gateway is ready only once its view has replayed what jobs.status held: ready means it knows them. */
class ViewReadinessIT {

    private static final int JOBS = 150_000;

    @Test
    void gatewayIsNotReadyUntilItsViewHasReplayedEveryEarlierStatus() throws Exception {
        try (TestKafka kafka = TestKafka.privateBroker()) {
            Map<String, String> common = ServiceSettings.gateway(kafka.bootstrapServers(), ServiceSettings.CLOSED_URL);
            // A first start creates the topics as the gateway wants them.
            TestService.start(GatewayApplication.class, "gateway", common).close();
            String last = writeFinishedJobs(kafka.bootstrapServers());

            try (TestService gateway = TestService.start(GatewayApplication.class, "gateway", common)) {
                ApiClient management = new ApiClient(gateway.managementUrl());
                ApiClient api = gateway.api();
                ApiClient.Response readiness = management.get("/actuator/health/readiness");
                boolean sawNotReady = false;
                double mostRemaining = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (readiness.status() != 200 && System.nanoTime() < deadline) {
                    sawNotReady = true;
                    assertThat(readiness.status()).isEqualTo(503);
                    mostRemaining = Math.max(mostRemaining, replayRemaining(management));
                    Thread.sleep(50);
                    readiness = management.get("/actuator/health/readiness");
                }
                assertThat(readiness.status()).as(readiness.raw().body()).isEqualTo(200);
                // The moment it is ready, the last job written before the start is there without waiting.
                ApiClient.Response job = api.get("/api/jobs/" + last);
                assertThat(job.status()).isEqualTo(200);
                assertThat(job.body().get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(sawNotReady).as("not ready while replaying %,d statuses", JOBS).isTrue();
                assertThat(mostRemaining).as("records left to replay, reported while not ready")
                        .isPositive().isLessThanOrEqualTo(JOBS + 10);
                assertThat(replayRemaining(management)).as("records left once ready").isZero();
            }
        }
    }

    private static double replayRemaining(ApiClient management) {
        String metrics = management.get("/actuator/prometheus").raw().body();
        return metrics.lines().filter(line -> line.startsWith("jobmesh_gateway_view_replay_remaining"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    private static String writeFinishedJobs(String bootstrapServers) {
        JobCodec codec = new JobCodec();
        Instant now = Instant.now();
        String id = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < JOBS; i++) {
                id = UUID.randomUUID().toString();
                Job job = new Job(id, "noop", Model.THREADS, Map.of(), now, 1, 3, null, null, 0, List.of(), null, null);
                JobState state = JobState.finished(job, 1, "threads@test", JobOutcome.success(Map.of()), now, now);
                producer.send(new ProducerRecord<>(JobTopics.STATUS, id, codec.encodeState(state)));
            }
        }
        return id;
    }
}
