package dev.jobmesh.core.dispatch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.outcome.OutcomeDecision;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a worker reports: job snapshots to {@code jobs.status}, retries back to the job's topic and
 * dead letters to {@code jobs.dlt}. One batching producer serves every job of a worker, so records leave in
 * batches however many jobs finish at once.
 */
public final class StatusPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final KafkaProducer<String, byte[]> producer;
    private final JobCodec codec;
    private final ScheduledExecutorService retries;
    private volatile boolean closed;

    public StatusPublisher(KafkaProducer<String, byte[]> producer, JobCodec codec) {
        this.producer = producer;
        this.codec = codec;
        this.retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("jobmesh-status-retry").factory());
    }

    /** Sends a snapshot whose loss is harmless because a later one supersedes it (RUNNING). */
    public void publish(JobState state) {
        producer.send(record(state), (metadata, error) -> {
            if (error != null) {
                log.warn("Could not publish {} of job {}: {}", state.status(), state.id(), error.toString());
            }
        });
    }

    /**
     * Writes what the outcome policy decided for a run - a terminal status; a retry to {@code jobsTopic} and its
     * status; or a dead letter and a FAILED status - durably, and runs {@code onDurable} once Kafka has all of it.
     */
    public void publish(OutcomeDecision decision, String jobsTopic, Runnable onDurable) {
        switch (decision) {
            case OutcomeDecision.Finish finish -> publishDurably(finish.terminal(), onDurable);
            case OutcomeDecision.Retry retry -> {
                Runnable both = afterBoth(onDurable);
                publishJobDurably(jobsTopic, retry.next(), both);
                publishDurably(retry.retrying(), both);
            }
            case OutcomeDecision.DeadLetterJob dead -> {
                Runnable both = afterBoth(onDurable);
                publishDeadLetterDurably(dead.letter(), both);
                publishDurably(dead.terminal(), both);
            }
        }
    }

    private static Runnable afterBoth(Runnable then) {
        AtomicInteger pending = new AtomicInteger(2);
        return () -> {
            if (pending.decrementAndGet() == 0) {
                then.run();
            }
        };
    }

    /** Sends a snapshot and keeps trying until Kafka acknowledges it, then runs {@code onAcknowledged}. */
    public void publishDurably(JobState state, Runnable onAcknowledged) {
        publishDurably(record(state), onAcknowledged);
    }

    /** Sends a job (a retry) to a jobs topic, durably as {@link #publishDurably(JobState, Runnable)}. */
    public void publishJobDurably(String topic, Job job, Runnable onAcknowledged) {
        publishDurably(new ProducerRecord<>(topic, job.id(), codec.encodeJob(job)), onAcknowledged);
    }

    /** Sends a dead letter to {@code jobs.dlt}, durably as {@link #publishDurably(JobState, Runnable)}. */
    public void publishDeadLetterDurably(DeadLetter letter, Runnable onAcknowledged) {
        publishDurably(new ProducerRecord<>(JobTopics.DEAD_LETTERS, letter.id(), codec.encodeDeadLetter(letter)),
                onAcknowledged);
    }

    private void publishDurably(ProducerRecord<String, byte[]> record, Runnable onAcknowledged) {
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                onAcknowledged.run();
            } else if (!closed) {
                log.warn("Could not publish {} to {} ({}); retrying in {}", record.key(), record.topic(), error,
                        RETRY_DELAY);
                retries.schedule(() -> publishDurably(record, onAcknowledged), RETRY_DELAY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    private ProducerRecord<String, byte[]> record(JobState state) {
        return new ProducerRecord<>(JobTopics.STATUS, state.id(), codec.encodeState(state));
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
