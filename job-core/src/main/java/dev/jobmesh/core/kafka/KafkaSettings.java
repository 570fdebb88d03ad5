package dev.jobmesh.core.kafka;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How every jobmesh service reaches Kafka and lays out its topics.
 *
 * @param bootstrapServers  the brokers; services default it from {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param partitions        partitions of each topic created at start-up
 * @param replicationFactor replicas of each topic created at start-up
 * @param statusRetention   how long a finished job stays in {@code jobs.status} before its tombstone
 * @param deadLetterRetention how long {@code jobs.dlt} keeps a dead letter
 * @param client            extra client settings applied to every producer, consumer and admin client
 */
@ConfigurationProperties("jobmesh.kafka")
public record KafkaSettings(String bootstrapServers, Integer partitions, Short replicationFactor,
                            Duration statusRetention, Duration deadLetterRetention, Map<String, String> client) {

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "127.0.0.1:9092" : bootstrapServers;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        statusRetention = statusRetention == null ? Duration.ofHours(24) : statusRetention;
        deadLetterRetention = deadLetterRetention == null ? Duration.ofDays(7) : deadLetterRetention;
        client = client == null ? Map.of() : Map.copyOf(client);
    }
}
