package dev.jobmesh.gateway.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceSettings;
import dev.jobmesh.testsupport.TestKafka;
import dev.jobmesh.testsupport.TestService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Submissions committed by several transactional writers at once are each in Kafka exactly once, whole. */
class ConcurrentWritersIT {

    private static final int CLIENTS = 24;
    private static final int JOBS_PER_CLIENT = 40;

    @Test
    void everyAcceptedJobIsWrittenOnceWithItsQueuedStatusBySeveralWriters() throws Exception {
        try (TestKafka kafka = TestKafka.privateBroker()) {
            Map<String, String> settings = ServiceSettings.gateway(kafka.bootstrapServers(), ServiceSettings.CLOSED_URL);
            settings.put("jobmesh.gateway.submit.writers", "4");
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            try (TestService gateway = TestService.start(GatewayApplication.class, "gateway", settings);
                 ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                ApiClient api = gateway.api();
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        for (int i = 0; i < JOBS_PER_CLIENT; i++) {
                            ApiClient.Response response = api.post("/api/jobs", "{\"type\":\"noop\",\"model\":\"threads\"}");
                            assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
                            accepted.add(response.body().get("id").asString());
                        }
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
            }
            assertThat(accepted).hasSize(CLIENTS * JOBS_PER_CLIENT);

            // read_committed reaching the end offsets also proves no writer left a transaction open.
            Map<String, Integer> jobs = committedKeys(kafka, JobTopics.jobs(Model.THREADS));
            Map<String, Integer> statuses = committedKeys(kafka, JobTopics.STATUS);
            assertThat(jobs.keySet()).isEqualTo(accepted);
            assertThat(jobs.values()).allMatch(count -> count == 1);
            assertThat(statuses.keySet()).isEqualTo(accepted);
            assertThat(statuses.values()).allMatch(count -> count == 1);
        }
    }

    private static Map<String, Integer> committedKeys(TestKafka kafka, String topic) {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(record.key(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
