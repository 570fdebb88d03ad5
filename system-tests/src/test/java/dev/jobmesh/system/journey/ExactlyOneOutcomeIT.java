package dev.jobmesh.system.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.TestService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job that finishes twice (a redelivery) keeps its first outcome: in the view, as the last record of its key
 * (what compaction keeps), and in a view rebuilt from the topic.
 */
class ExactlyOneOutcomeIT {

    @RegisterExtension
    static final UsesInProcessSystem system = new UsesInProcessSystem();

    private final JobCodec codec = new JobCodec();

    @Test
    void lateDuplicateOutcomeNeverReplacesTheFirst() throws Exception {
        ApiClient api = system.get().api();
        String id = api.submit("noop", "threads", "{}");
        assertThat(api.awaitJob(id, 30_000).get("status").asString()).isEqualTo("SUCCEEDED");

        KafkaClientFactory clients = new KafkaClientFactory(
                KafkaSettings.of(system.get().kafka().bootstrapServers()));
        Job job = new Job(id, "noop", Model.THREADS, Map.of(), Instant.now(), 1);
        JobState duplicate = JobState.finished(job, 1, "threads@elsewhere:1",
                JobOutcome.failure("WORKLOAD_ERROR", "ran again after a redelivery"), Instant.now(), Instant.now());
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-duplicate-" + UUID.randomUUID(), Map.of())) {
            written = producer.send(new ProducerRecord<>(JobTopics.STATUS, id, codec.encodeState(duplicate)))
                    .get(10, TimeUnit.SECONDS);
        }

        // The first outcome is written again after the duplicate, so it is the key's last record.
        TopicPartition partition = new TopicPartition(JobTopics.STATUS, written.partition());
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer("test-last-" + UUID.randomUUID(), null, Map.of())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset() + 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(record.key()) && codec.decodeState(record.value()).status() == JobStatus.SUCCEEDED) {
                        return true;
                    }
                }
                return false;
            });
        }
        assertThat(api.awaitJob(id, 0).get("status").asString()).isEqualTo("SUCCEEDED");
        try (TestService rebuilt = InProcessSystem.gateway(system.get().settings())) {
            ApiClient fresh = rebuilt.api();
            assertThat(fresh.awaitJob(id, 0).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(fresh.awaitJob(id, 0).get("worker").asString()).startsWith("threads@")
                    .isNotEqualTo("threads@elsewhere:1");
        }
    }
}
