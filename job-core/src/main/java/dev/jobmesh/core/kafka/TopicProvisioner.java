package dev.jobmesh.core.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates jobmesh's topics that do not exist yet; every service runs it at start-up, so start order never matters. */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final int STATUS_SEGMENT_BYTES = 16 * 1024 * 1024;
    private static final String STATUS_DIRTY_RATIO = "0.1";

    private final KafkaClientFactory clients;
    private final Duration timeout;

    public TopicProvisioner(KafkaClientFactory clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    public void ensureTopics() {
        KafkaSettings settings = clients.settings();
        try (Admin admin = clients.admin("jobmesh-topic-provisioner")) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : JobTopics.all()) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, settings.partitions(), settings.replicationFactor())
                            .configs(configFor(name, settings)));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} with {} partitions", entry.getKey(), settings.partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create jobmesh topics on Kafka at " + settings.bootstrapServers()
                    + " within " + timeout + ": " + e, e);
        }
    }

    /**
     * The topic configs a topic is created with: what the services rely on (compaction, retention), the one home of
     * them - a deployment that creates the topics itself (deploy/k8s's KafkaTopics) is checked against it.
     */
    public static Map<String, String> configFor(String topic, KafkaSettings settings) {
        if (JobTopics.DEAD_LETTERS.equals(topic)) {
            // Compacted so a replay's tombstone removes its letter; deleted after the retention all the same.
            return Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.deadLetterRetention().toMillis()));
        }
        if (JobTopics.CONTROL.equals(topic)) {
            // A cancellation matters only while its job may still arrive or run.
            return Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.statusRetention().toMillis()));
        }
        if (!JobTopics.STATUS.equals(topic)) {
            return Map.of();
        }
        // Compaction keeps each job's latest snapshot; tombstones from the retention sweep remove finished
        // jobs, and they are kept long enough for every gateway replaying the topic to see them: an hour, or the
        // status retention if shorter - past it, a tombstone has outlived the jobs it removes, and kept an hour under
        // a 5-minute retention they were most of the topic. A gateway that misses one (away longer than that) still
        // holds the job as finished past the retention, so its own sweep tombstones it again.
        // Compaction cleans only closed segments: at the broker's 1 GB a million jobs' snapshots (~750 MB) stayed in
        // the active one, and a gateway joining replayed all three of every job (55 s); closed at 16 MB, the cleaner
        // leaves about one per job behind but for the last 16 MB of each partition. It cleans a partition once a
        // tenth of it is dirty, not the broker's half, so a gateway joining replays fewer superseded snapshots.
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(tombstoneRetention(settings).toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()),
                TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(STATUS_SEGMENT_BYTES),
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, STATUS_DIRTY_RATIO);
    }

    private static Duration tombstoneRetention(KafkaSettings settings) {
        Duration hour = Duration.ofHours(1);
        return settings.statusRetention().compareTo(hour) < 0 ? settings.statusRetention() : hour;
    }
}
