package dev.jobmesh.gateway.status;

import java.util.List;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.kafka.JobTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's first outcome its only one. A redelivered job can finish twice; the view ignores the later
 * terminal snapshot, but compaction keeps a key's <em>last</em> record, so a view rebuilt later would see the
 * duplicate instead. Writing the first outcome again makes it the last record once more.
 */
final class OutcomeGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeGuard.class);

    private final Producer<String, byte[]> producer;
    private final JobCodec codec;
    private final Counter duplicates;

    OutcomeGuard(Producer<String, byte[]> producer, JobCodec codec, MeterRegistry registry) {
        this.producer = producer;
        this.codec = codec;
        this.duplicates = Counter.builder("jobmesh.status.duplicate.outcomes")
                .description("Terminal snapshots that arrived after a job's first outcome and were ignored")
                .register(registry);
    }

    /** The first outcomes whose later duplicates arrived; each is written again, after the duplicate. */
    void reassert(List<JobState> firstOutcomes) {
        if (firstOutcomes.isEmpty()) {
            return;
        }
        duplicates.increment(firstOutcomes.size());
        for (JobState first : firstOutcomes) {
            producer.send(new ProducerRecord<>(JobTopics.STATUS, first.id(), codec.encodeState(first)), (m, error) -> {
                if (error != null) {
                    log.warn("Could not write the first outcome of job {} again: {}", first.id(), error.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
