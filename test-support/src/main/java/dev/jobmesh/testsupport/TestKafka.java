package dev.jobmesh.testsupport;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker for tests: the one named by {@code KAFKA_BOOTSTRAP_SERVERS} when set, otherwise an
 * in-process KRaft broker started once per test JVM and stopped when the JVM's tests are done.
 */
public final class TestKafka implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final EmbeddedKafkaKraftBroker embedded;
    private final String bootstrapServers;

    private TestKafka(EmbeddedKafkaKraftBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    /** The JVM-wide broker, started on first use. */
    public static TestKafka shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestKafka.class, k -> start(), TestKafka.class);
    }

    /** A broker of its own, for tests that change what every reader of the topics sees; close it after. */
    public static TestKafka privateBroker() {
        return startEmbedded();
    }

    private static TestKafka start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new TestKafka(null, external);
        }
        return startEmbedded();
    }

    private static TestKafka startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker
                .brokerProperties(Map.of(
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1",
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        return new TestKafka(broker, broker.getBrokersAsString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The end offset of every partition of the given topics, summed per topic. */
    public Map<String, Long> endOffsets(Collection<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.merge(tp.topic(), info.offset(), Long::sum));
            return ends;
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.destroy();
        }
    }
}
