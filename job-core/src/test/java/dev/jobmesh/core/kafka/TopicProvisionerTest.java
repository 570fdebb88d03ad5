package dev.jobmesh.core.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The configs jobmesh's topics are created with. */
class TopicProvisionerTest {

    private static KafkaSettings retaining(Duration statusRetention) {
        return new KafkaSettings("127.0.0.1:9092", 6, (short) 1, statusRetention, Duration.ofDays(7), Map.of());
    }

    @Test
    void statusTombstonesStayAnHourOrTheStatusRetentionIfThatIsShorter() {
        assertThat(TopicProvisioner.configFor(JobTopics.STATUS, retaining(Duration.ofHours(24))))
                .containsEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, "3600000")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(TopicProvisioner.configFor(JobTopics.STATUS, retaining(Duration.ofMinutes(5))))
                .containsEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, "300000");
    }

    @Test
    void cancellationsAreDeletedAfterTheStatusRetentionAndDeadLettersAfterTheirOwn() {
        KafkaSettings settings = retaining(Duration.ofMinutes(30));
        assertThat(TopicProvisioner.configFor(JobTopics.CONTROL, settings))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "1800000");
        assertThat(TopicProvisioner.configFor(JobTopics.DEAD_LETTERS, settings))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()));
    }
}
