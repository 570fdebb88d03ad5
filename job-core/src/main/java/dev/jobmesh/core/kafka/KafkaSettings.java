package dev.jobmesh.core.kafka;

import java.time.Duration;
import java.util.Map;

import dev.jobmesh.core.Ports;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.Assert;

/**
 * How every jobmesh service reaches Kafka and lays out its topics. Invalid values stop the service at start-up.
 *
 * @param bootstrapServers    The brokers; the services' own configuration files set it from KAFKA_BOOTSTRAP_SERVERS.
 * @param partitions          Partitions of each topic created at start-up.
 * @param replicationFactor   Replicas of each topic created at start-up.
 * @param statusRetention     How long a finished job stays in jobs.status before its tombstone.
 * @param deadLetterRetention How long jobs.dlt keeps a dead letter.
 * @param client              Extra client settings applied to every producer, consumer and admin client. Defaults
 *                            to none.
 */
@ConfigurationProperties("jobmesh.kafka")
public record KafkaSettings(@DefaultValue("127.0.0.1:" + Ports.KAFKA) String bootstrapServers, @DefaultValue("6") int partitions,
                            @DefaultValue("1") short replicationFactor, @DefaultValue("24h") Duration statusRetention,
                            @DefaultValue("7d") Duration deadLetterRetention, Map<String, String> client) {

    public KafkaSettings {
        Assert.hasText(bootstrapServers, "jobmesh.kafka.bootstrap-servers must name at least one broker");
        Assert.isTrue(partitions >= 1, () -> "jobmesh.kafka.partitions must be at least 1, was " + partitions);
        Assert.isTrue(replicationFactor >= 1,
                () -> "jobmesh.kafka.replication-factor must be at least 1, was " + replicationFactor);
        Assert.isTrue(statusRetention.isPositive(),
                () -> "jobmesh.kafka.status-retention must be positive, was " + statusRetention);
        Assert.isTrue(deadLetterRetention.isPositive(),
                () -> "jobmesh.kafka.dead-letter-retention must be positive, was " + deadLetterRetention);
        client = client == null ? Map.of() : Map.copyOf(client);
    }

    /** The settings a service would have with only its brokers configured: every other value its default. */
    public static KafkaSettings of(String bootstrapServers) {
        return new Binder(new MapConfigurationPropertySource(Map.of("jobmesh.kafka.bootstrap-servers", bootstrapServers)))
                .bindOrCreate("jobmesh.kafka", KafkaSettings.class);
    }
}
