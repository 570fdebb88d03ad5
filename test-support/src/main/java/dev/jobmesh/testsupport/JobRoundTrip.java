package dev.jobmesh.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.core.kafka.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Sends jobs (and cancellations) straight to Kafka as a gateway would and watches {@code jobs.status} for what
 * workers report, for testing a worker against real Kafka without a gateway.
 */
public final class JobRoundTrip implements AutoCloseable {

    private final JobCodec codec = new JobCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<JobState>> states = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    public JobRoundTrip(String bootstrapServers) {
        KafkaClientFactory clients = new KafkaClientFactory(KafkaSettings.of(bootstrapServers));
        new TopicProvisioner(clients, Duration.ofSeconds(30)).ensureTopics();
        producer = clients.producer("test-round-trip-" + UUID.randomUUID(), Map.of());
        consumer = clients.consumer("test-round-trip-status-" + UUID.randomUUID(), null, Map.of());
        List<TopicPartition> partitions = consumer.partitionsFor(JobTopics.STATUS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before any job is sent
        reader = Thread.ofPlatform().daemon().name("test-status-reader").start(this::read);
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value() != null) {
                        states.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                                .add(codec.decodeState(record.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** A new first-attempt job. */
    public static Job job(Model model, String type, Map<String, Object> params) {
        return new Job(UUID.randomUUID().toString(), type, model, params, Instant.now(), 1);
    }

    /** A job that runs once: a failure is final, so a test sees the error of the run it caused. */
    public static Job once(Model model, String type, Map<String, Object> params, Long timeoutMs) {
        return new Job(UUID.randomUUID().toString(), type, model, params, Instant.now(), 1, 1, timeoutMs);
    }

    /** Sends the jobs and waits until Kafka has them. */
    public List<Job> send(List<Job> jobs) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Job job : jobs) {
            sent.add(producer.send(new ProducerRecord<>(JobTopics.jobs(job.model()), job.id(), codec.encodeJob(job))));
            producer.send(new ProducerRecord<>(JobTopics.STATUS, job.id(), codec.encodeState(JobState.queued(job))));
        }
        producer.flush();
        for (var future : sent) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not send jobs", e);
            }
        }
        return jobs;
    }

    public Job send(Job job) {
        return send(List.of(job)).getFirst();
    }

    /** What the gateway's DELETE writes: a cancellation on the compacted control topic every worker reads. */
    public void cancel(String id) {
        JobControl control = new JobControl(id, JobControl.CANCEL, Instant.now());
        try {
            producer.send(new ProducerRecord<>(JobTopics.CONTROL, id, codec.encodeControl(control))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not cancel " + id, e);
        }
    }

    /** Sends raw bytes to a jobs topic, e.g. a poison record. */
    public void sendRaw(Model model, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(JobTopics.jobs(model), key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Every snapshot seen for the job, in topic order (QUEUED included). */
    public List<JobState> history(String id) {
        return states.getOrDefault(id, List.of());
    }

    /** The job's first terminal snapshot, waiting up to the timeout for it. */
    public JobState awaitTerminal(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JobState state : history(id)) {
                if (state.status().isTerminal()) {
                    return state;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " not terminal within " + timeout + "; seen: " + history(id));
    }

    /** How many terminal snapshots were seen for the job (more than one after a redelivery). */
    public long terminalCount(String id) {
        return history(id).stream().filter(s -> s.status().isTerminal()).count();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
