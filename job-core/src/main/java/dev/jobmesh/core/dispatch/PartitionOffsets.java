package dev.jobmesh.core.dispatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-flight window of every partition a dispatch loop holds, and what it has committed: commits move each
 * partition only past a contiguous prefix of finished jobs. Used by the poll thread alone.
 */
final class PartitionOffsets {

    private static final Logger log = LoggerFactory.getLogger(PartitionOffsets.class);

    /** A handed-out record's place in its partition's window. */
    record Slot(TopicPartition partition, InFlightWindow window, long seq) {
    }

    private final Consumer<?, ?> consumer;
    private final int capacity;
    private final Map<TopicPartition, InFlightWindow> windows = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    PartitionOffsets(Consumer<?, ?> consumer, int capacity) {
        this.consumer = consumer;
        this.capacity = capacity;
    }

    /** The partition's window, made on first use. */
    InFlightWindow window(TopicPartition partition) {
        return windows.computeIfAbsent(partition, p -> new InFlightWindow(capacity));
    }

    /** Hands out the record at {@code offset}. */
    Slot add(TopicPartition partition, InFlightWindow window, long offset) {
        return new Slot(partition, window, window.add(offset));
    }

    /** A job is done; one of a partition this loop no longer holds moves nothing. */
    void complete(Slot slot) {
        if (windows.get(slot.partition()) == slot.window()) {
            slot.window().complete(slot.seq());
        }
    }

    void commitAll(boolean sync) {
        commit(windows.keySet(), sync);
    }

    void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            InFlightWindow window = windows.get(partition);
            if (window == null) {
                continue;
            }
            long offset = window.committableOffset();
            Long last = committed.get(partition);
            if (offset >= 0 && (last == null || offset > last)) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(offsets);
                offsets.forEach((p, o) -> committed.put(p, o.offset()));
            } catch (KafkaException e) {
                log.warn("Commit of {} failed; those jobs will be redelivered: {}", offsets, e.toString());
            }
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error == null) {
                    done.forEach((p, o) -> committed.merge(p, o.offset(), Math::max));
                } else {
                    log.debug("Async commit failed, the next one retries: {}", error.toString());
                }
            });
        }
    }

    /**
     * Jobs still running for these partitions finish and publish, but no longer move their offsets: the
     * partition's new owner starts from the last commit and may run them again.
     */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            windows.remove(p);
            committed.remove(p);
        });
    }
}
