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
import dev.jobmesh.gateway.routing.ModelStatistics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its share of the partitions of {@code jobs.status} and {@code jobs.dlt} (no consumer group: each gateway
 * reads all of them, split among its readers) into the store, one poll per RocksDB batch, then wakes the readers
 * waiting on what arrived. A job's records are all in one partition, so no two updaters ever merge the same job.
 */
final class StatusViewUpdater implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StatusViewUpdater.class);

    private final Consumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final StatusStore store;
    private final JobCodec codec;
    private final ViewPositions positions;
    private final StatusHeaderReader headers = new StatusHeaderReader();
    private final TerminalWaiters waiters;
    private final OutcomeGuard outcomes;
    private final EndToEndLatency latency;
    private final UnfinishedJobs unfinished;
    private final ModelStatistics statistics;
    private volatile boolean running = true;

    StatusViewUpdater(Consumer<String, byte[]> consumer, List<TopicPartition> partitions, StatusStore store,
                      JobCodec codec, ViewPositions positions, TerminalWaiters waiters, OutcomeGuard outcomes,
                      EndToEndLatency latency, UnfinishedJobs unfinished, ModelStatistics statistics) {
        this.unfinished = unfinished;
        this.statistics = statistics;
        this.consumer = consumer;
        this.partitions = List.copyOf(partitions);
        this.store = store;
        this.codec = codec;
        this.positions = positions;
        this.waiters = waiters;
        this.outcomes = outcomes;
        this.latency = latency;
    }

    /** The partitions of the view's topics, as {@code consumer} finds them. */
    static List<TopicPartition> partitionsOf(Consumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(JobTopics.STATUS, JobTopics.DEAD_LETTERS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    /** Assigns its partitions and seeks to where the store left off; runs on the caller's thread. */
    void assign() {
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
        Map<String, Optional<StoredStatus>> changes = new HashMap<>();
        Map<String, Optional<byte[]>> letters = new HashMap<>();
        Map<String, Finished> newlyTerminal = new HashMap<>();
        Map<String, JobState> overruled = new HashMap<>();
        Map<String, Long> unfinishedDeltas = new HashMap<>();
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
                // only finished jobs are deleted (StatusRetention), so a removal changes no count of unfinished jobs
                changes.put(id, Optional.empty());
                continue;
            }
            StatusHeaderReader.Read read;
            try {
                read = headers.readAll(record.value());
            } catch (UndecodableRecordException e) {
                log.warn("Ignoring undecodable status record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            StatusHeader incoming = read.header();
            Optional<StoredStatus> pending = changes.get(id);
            StatusHeader current = pending != null ? pending.map(StoredStatus::header).orElse(null)
                    : store.header(id).orElse(null);
            switch (StatusMerge.merge(current, incoming)) {
                case TAKE_INCOMING -> {
                    countUnfinished(current, incoming, read.owner(), unfinishedDeltas);
                    observe(current, incoming, read);
                    taken(id, new StoredStatus(incoming, record.value()), read, changes, newlyTerminal, overruled);
                }
                case TAKE_INCOMING_WITH_SUBMITTED_AT -> {
                    JobState merged = StatusMerge.withSubmittedAt(codec.decodeState(record.value()), currentState(id, changes));
                    byte[] json = codec.encodeState(merged);
                    StatusHeader header = StatusHeader.of(merged);
                    countUnfinished(current, header, read.owner(), unfinishedDeltas);
                    StatusHeaderReader.Read mergedRead = headers.readAll(json);
                    observe(current, header, mergedRead);
                    taken(id, new StoredStatus(header, json), mergedRead, changes, newlyTerminal, overruled);
                }
                case KEEP_CURRENT -> {
                    if (incoming.terminal() && current.terminal() && incoming.generation() == current.generation()) {
                        // A second outcome of one run (a redelivery): a different one is overruled in Kafka too.
                        JobState first = currentState(id, changes);
                        if (!codec.decodeState(record.value()).equals(first)) {
                            overruled.put(id, first);
                        }
                    }
                }
            }
        }
        Map<TopicPartition, Long> reached = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            reached.put(partition, consumer.position(partition));
        }
        unfinished.addAndStore(unfinishedDeltas, counts -> store.apply(changes, letters, reached, counts));
        positions.advance(reached);
        // Nothing is decoded whole here: the waiters of a finished job take its JSON as stored, and the latency is
        // read off the snapshot's header.
        newlyTerminal.forEach((id, finished) -> {
            waiters.finished(id, new StatusJson(finished.stored().json(), 0));
            latency.finished(finished.read());
        });
        outcomes.reassert(List.copyOf(overruled.values()));
    }

    /** What the models are doing, for model auto: runs starting and jobs finishing, by model and type. */
    private void observe(StatusHeader current, StatusHeader taken, StatusHeaderReader.Read read) {
        statistics.observed(read.model(), read.type(), current == null ? null : current.status(), taken.status(),
                read.submittedAt(), read.startedAt(), taken.finishedAtMillis());
    }

    /** A job that becomes queued or running counts for its owner until it ends (a replay counts again). */
    private static void countUnfinished(StatusHeader current, StatusHeader taken, String owner, Map<String, Long> deltas) {
        if (owner == null) {
            return;
        }
        boolean before = current != null && !current.terminal();
        boolean after = !taken.terminal();
        if (before != after) {
            deltas.merge(owner, after ? 1L : -1L, Long::sum);
        }
    }

    /** A snapshot that finished a job in this poll. */
    private record Finished(StoredStatus stored, StatusHeaderReader.Read read) {
    }

    private static void taken(String id, StoredStatus taken, StatusHeaderReader.Read read,
                              Map<String, Optional<StoredStatus>> changes, Map<String, Finished> newlyTerminal,
                              Map<String, JobState> overruled) {
        changes.put(id, Optional.of(taken));
        if (taken.header().terminal()) {
            newlyTerminal.put(id, new Finished(taken, read));
        } else {
            newlyTerminal.remove(id);
        }
        overruled.remove(id);
    }

    /** The view's snapshot of the job, decoded: from this poll's changes, else from the store. */
    private JobState currentState(String id, Map<String, Optional<StoredStatus>> changes) {
        Optional<StoredStatus> pending = changes.get(id);
        if (pending != null && pending.isPresent()) {
            return codec.decodeState(pending.get().json());
        }
        return store.get(id).orElseThrow();
    }
}
