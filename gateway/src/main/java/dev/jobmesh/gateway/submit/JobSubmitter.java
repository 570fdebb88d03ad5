package dev.jobmesh.gateway.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes accepted jobs to Kafka: each job to its model's topic and its QUEUED snapshot to
 * {@code jobs.status}, in one transaction, so a submission is in Kafka whole or not at all.
 * Submissions that arrive together share a transaction (group commit): the cost of a commit is paid
 * once per group, not once per request, which is what lets single-job POSTs scale. With more than one
 * writer ({@link SubmitProperties#writers()}), each with its own transactional producer, groups are committed
 * concurrently: a submission waits for a free writer rather than for every transaction ahead of it, at the
 * price of smaller groups.
 */
public final class JobSubmitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobSubmitter.class);

    private final KafkaClientFactory clients;
    private final JobCodec codec;
    private final SubmitProperties properties;
    private final String transactionalId;
    private final Timer writes;
    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    // Held while a writer takes its group, so two writers never split one group between them.
    private final ReentrantLock taking = new ReentrantLock();
    private final List<Writer> writers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean accepting;

    private record Submission(List<ProducerRecord<String, byte[]>> records, CompletableFuture<Void> result,
                              long deadlineNanos) {
    }

    public JobSubmitter(KafkaClientFactory clients, JobCodec codec, SubmitProperties properties,
                        String transactionalId, MeterRegistry registry) {
        this.clients = clients;
        this.codec = codec;
        this.properties = properties;
        this.transactionalId = transactionalId;
        this.writes = Timer.builder("jobmesh.gateway.kafka.write")
                .description("One group-commit transaction: begin, send every record, commit")
                .publishPercentileHistogram().register(registry);
    }

    /** Completes once every job is durably in Kafka, or exceptionally with {@link KafkaUnavailableException}. */
    public CompletableFuture<Void> submit(List<Job> jobs) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(2 * jobs.size());
        jobs.forEach(job -> addJob(records, job));
        return enqueue(records);
    }

    /** Queues a dead job again and removes its dead letter, in one transaction: a replay happens whole or not. */
    public CompletableFuture<Void> replay(Job job) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(3);
        addJob(records, job);
        records.add(new ProducerRecord<>(JobTopics.DEAD_LETTERS, job.id(), null));
        return enqueue(records);
    }

    /**
     * Writes a cancellation for every worker to see, with - for a job that has not started - its CANCELLED
     * snapshot, in one transaction.
     */
    public CompletableFuture<Void> cancel(JobControl control, JobState cancelledSnapshot) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(2);
        records.add(new ProducerRecord<>(JobTopics.CONTROL, control.id(), codec.encodeControl(control)));
        if (cancelledSnapshot != null) {
            records.add(new ProducerRecord<>(JobTopics.STATUS, control.id(), codec.encodeState(cancelledSnapshot)));
        }
        return enqueue(records);
    }

    private void addJob(List<ProducerRecord<String, byte[]>> records, Job job) {
        records.add(new ProducerRecord<>(JobTopics.jobs(job.model()), job.id(), codec.encodeJob(job)));
        records.add(new ProducerRecord<>(JobTopics.STATUS, job.id(), codec.encodeState(JobState.queued(job))));
    }

    private CompletableFuture<Void> enqueue(List<ProducerRecord<String, byte[]>> records) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (!accepting) {
            result.completeExceptionally(new KafkaUnavailableException("the gateway is shutting down", null));
            return result;
        }
        queue.add(new Submission(records, result, System.nanoTime() + properties.kafkaTimeout().toNanos()));
        return result;
    }

    @Override
    public void start() {
        running = true;
        accepting = true;
        for (int i = 0; i < properties.writers(); i++) {
            // The first writer keeps the gateway's own id, so a restart fences what an earlier one left open.
            Writer writer = new Writer(i == 0 ? transactionalId : transactionalId + "-" + i);
            writers.add(writer);
            writer.thread = Thread.ofPlatform().name("jobmesh-submitter-" + i).start(writer::writeLoop);
        }
    }

    /** One transactional producer and the thread that commits groups with it. */
    private final class Writer {

        private final String transactionalId;
        private Thread thread;
        private KafkaProducer<String, byte[]> producer;

        private Writer(String transactionalId) {
            this.transactionalId = transactionalId;
        }

        private void writeLoop() {
            while (running || !queue.isEmpty()) {
                try {
                    List<Submission> group = take();
                    if (!group.isEmpty()) {
                        write(group);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            failAll(new KafkaUnavailableException("the gateway is shutting down", null));
            closeProducer(Duration.ofSeconds(5));
        }

        private List<Submission> take() throws InterruptedException {
            taking.lockInterruptibly();
            try {
                Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return List.of();
                }
                List<Submission> group = new ArrayList<>();
                group.add(first);
                int records = first.records().size();
                Submission next;
                while ((next = queue.peek()) != null && records + next.records().size() <= properties.maxGroupRecords()) {
                    group.add(queue.poll());
                    records += next.records().size();
                }
                return group;
            } finally {
                taking.unlock();
            }
        }

        private void write(List<Submission> group) {
            List<Submission> live = new ArrayList<>(group.size());
            long now = System.nanoTime();
            for (Submission submission : group) {
                if (now - submission.deadlineNanos() > 0) {
                    // Waited out its time behind an unavailable Kafka: say 503 rather than write it late.
                    submission.result().completeExceptionally(new KafkaUnavailableException(
                            "Kafka did not take the jobs within " + properties.kafkaTimeout(), null));
                } else {
                    live.add(submission);
                }
            }
            if (live.isEmpty()) {
                return;
            }
            RuntimeException failure = commit(live);
            if (failure instanceof InvalidTxnStateException && live.stream().allMatch(s -> System.nanoTime() - s.deadlineNanos() < 0)) {
                // The coordinator lost track of this producer's transaction (seen about once in 25,000 back-to-back
                // transactions): the group goes again on a fresh producer. Had the first commit taken effect after
                // all, its jobs are written twice under the same ids, which a worker treats as a redelivery.
                log.info("Writing {} submissions again on a fresh producer after {}", live.size(), failure.toString());
                failure = commit(live);
            }
            if (failure == null) {
                writes.record(System.nanoTime() - now, TimeUnit.NANOSECONDS);
                live.forEach(s -> s.result().complete(null));
            } else {
                log.warn("Kafka did not take {} submissions: {}", live.size(), failure.toString());
                KafkaUnavailableException unavailable = new KafkaUnavailableException(
                        "Kafka did not take the jobs: " + failure.getMessage(), failure);
                live.forEach(s -> s.result().completeExceptionally(unavailable));
            }
        }

        /** One transaction with every record of the group; what failed it, or null once it committed. */
        private RuntimeException commit(List<Submission> group) {
            try {
                KafkaProducer<String, byte[]> p = producer();
                p.beginTransaction();
                for (Submission submission : group) {
                    submission.records().forEach(p::send);
                }
                p.commitTransaction();
                return null;
            } catch (KafkaException | IllegalStateException e) {
                abort();
                return e;
            }
        }

        private KafkaProducer<String, byte[]> producer() {
            if (producer == null) {
                long timeoutMs = properties.kafkaTimeout().toMillis();
                KafkaProducer<String, byte[]> created = clients.producer(transactionalId, Map.of(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeoutMs - 500),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs + 100,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, 2 * timeoutMs),
                        ProducerConfig.LINGER_MS_CONFIG, 0));
                try {
                    // Also fences and aborts a transaction an earlier producer with this id left open.
                    created.initTransactions();
                } catch (RuntimeException e) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                producer = created;
            }
            return producer;
        }

        private void abort() {
            if (producer == null) {
                return;
            }
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                // Fatal or timed out: a fresh producer's initTransactions aborts whatever is left open.
                closeProducer(Duration.ZERO);
            }
        }

        private void closeProducer(Duration timeout) {
            if (producer != null) {
                try {
                    producer.close(timeout);
                } catch (RuntimeException e) {
                    log.debug("Closing producer: {}", e.toString());
                }
                producer = null;
            }
        }
    }

    private void failAll(KafkaUnavailableException failure) {
        Submission left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(failure);
        }
    }

    /** From now on every submission is refused (503); those already queued are still written. */
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void stop() {
        accepting = false;
        running = false;
        for (Writer writer : writers) {
            if (writer.thread != null) {
                try {
                    writer.thread.join(properties.kafkaTimeout().plusSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0; // accept before the web server opens, drain after it closed
    }
}
