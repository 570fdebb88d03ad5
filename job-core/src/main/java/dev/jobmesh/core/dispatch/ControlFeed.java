package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.core.kafka.JobTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads all of {@code jobs.control} (no consumer group: every worker needs every cancellation) and remembers
 * which jobs are cancelled, telling the dispatch loop as each cancellation arrives.
 */
public final class ControlFeed implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlFeed.class);

    private final Consumer<String, byte[]> consumer;
    private final JobCodec codec;
    private final Duration memory;
    private final Clock clock;
    private final Map<String, Instant> cancelled = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, Instant> listener = (id, at) -> { };
    private volatile boolean running = true;

    public ControlFeed(Consumer<String, byte[]> consumer, JobCodec codec, Duration memory, Clock clock) {
        this.consumer = consumer;
        this.codec = codec;
        this.memory = memory;
        this.clock = clock;
    }

    /** Told of every cancellation as it arrives, on the feed's thread. */
    public void onCancel(BiConsumer<String, Instant> listener) {
        this.listener = listener;
    }

    /** When the job was cancelled, if it was. */
    public @Nullable Instant cancelledAt(String jobId) {
        return cancelled.get(jobId);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(JobTopics.CONTROL, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long nextSweep = System.nanoTime();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (System.nanoTime() - nextSweep > 0) {
                    Instant forgetBefore = clock.instant().minus(memory);
                    cancelled.values().removeIf(at -> at.isBefore(forgetBefore));
                    nextSweep = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (KafkaException e) {
            log.error("Control feed stopped; cancellations will not reach this worker", e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            cancelled.remove(record.key());
            return;
        }
        try {
            JobControl control = codec.decodeControl(record.value());
            if (JobControl.CANCEL.equals(control.action())) {
                Instant at = control.requestedAt() == null ? clock.instant() : control.requestedAt();
                cancelled.put(control.id(), at);
                listener.accept(control.id(), at);
            }
        } catch (UndecodableRecordException e) {
            log.warn("Ignoring unreadable control record {}: {}", record.key(), e.getMessage());
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
