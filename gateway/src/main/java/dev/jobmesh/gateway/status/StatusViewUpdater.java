package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.core.kafka.JobTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code jobs.status} and {@code jobs.dlt} (no consumer group: each gateway reads all
 * of them) into the store, one poll per RocksDB batch, then wakes the readers waiting on what arrived.
 */
final class StatusViewUpdater implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StatusViewUpdater.class);

    private final Consumer<String, byte[]> consumer;
    private final StatusStore store;
    private final JobCodec codec;
    private final ViewPositions positions;
    private final TerminalWaiters waiters;
    private final OutcomeGuard outcomes;
    private final EndToEndLatency latency;
    private volatile boolean running = true;

    StatusViewUpdater(Consumer<String, byte[]> consumer, StatusStore store, JobCodec codec, ViewPositions positions,
                      TerminalWaiters waiters, OutcomeGuard outcomes, EndToEndLatency latency) {
        this.consumer = consumer;
        this.store = store;
        this.codec = codec;
        this.positions = positions;
        this.waiters = waiters;
        this.outcomes = outcomes;
        this.latency = latency;
    }

    /** Assigns all partitions and seeks to where the store left off; runs on the caller's thread. */
    void assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(JobTopics.STATUS, JobTopics.DEAD_LETTERS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        Map<String, Long> stored = store.positions();
        Map<TopicPartition, Long> resumed = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long position = stored.get(partition.toString());
            if (position == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, position);
                resumed.put(partition, position);
            }
        }
        positions.advance(resumed);
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                apply(records);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Job view stopped updating", e);
            throw e;
        } finally {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (KafkaException e) {
                log.debug("Closing the view consumer: {}", e.toString());
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        Map<String, Optional<JobState>> changes = new HashMap<>();
        Map<String, Optional<byte[]>> letters = new HashMap<>();
        List<JobState> newlyTerminal = new ArrayList<>();
        Map<String, JobState> overruled = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String id = record.key();
            if (id == null) {
                continue;
            }
            if (JobTopics.DEAD_LETTERS.equals(record.topic())) {
                letters.put(id, Optional.ofNullable(record.value()));
                continue;
            }
            if (record.value() == null) {
                changes.put(id, Optional.empty());
                continue;
            }
            JobState incoming;
            try {
                incoming = codec.decodeState(record.value());
            } catch (UndecodableRecordException e) {
                log.warn("Ignoring undecodable status record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            Optional<JobState> known = changes.containsKey(id) ? changes.get(id) : store.get(id);
            JobState current = known.orElse(null);
            JobState merged = StatusMerge.merge(current, incoming);
            if (merged != current) {
                changes.put(id, Optional.of(merged));
                if (merged.status().isTerminal()) {
                    newlyTerminal.add(merged);
                }
                overruled.remove(id);
            } else if (incoming.status().isTerminal() && current.status().isTerminal()
                    && incoming.generation() == current.generation() && !incoming.equals(current)) {
                overruled.put(id, current);
            }
        }
        Map<TopicPartition, Long> reached = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            reached.put(partition, consumer.position(partition));
        }
        store.apply(changes, letters, reached);
        positions.advance(reached);
        newlyTerminal.forEach(waiters::finished);
        newlyTerminal.forEach(latency::finished);
        outcomes.reassert(List.copyOf(overruled.values()));
    }
}
