package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.dispatch.PartitionOffsets.Slot;
import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.metrics.WorkerJobMetrics;
import dev.jobmesh.core.outcome.FinishedRun;
import dev.jobmesh.core.outcome.OutcomeDecision;
import dev.jobmesh.core.outcome.OutcomePolicy;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume loop every worker shares: polls a jobs topic, keeps up to {@code maxInFlight} jobs running
 * at once across its partitions, and commits per partition only below the first job whose terminal status
 * Kafka has not yet acknowledged (at-least-once). When full it pauses its partitions instead of queueing
 * in memory. The KafkaConsumer is touched by the poll thread alone: other threads hand completions back
 * through a queue.
 */
public final class DispatchLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    private static final Duration FULL_POLL_TIMEOUT = Duration.ofMillis(5);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final ConcurrencyModel model;
    private final StatusPublisher publisher;
    private final JobCodec codec;
    private final DispatchProperties properties;
    private final String workerId;
    private final Clock clock;

    private final PartitionOffsets offsets;
    private final Queue<Slot> completions = new ConcurrentLinkedQueue<>();
    private final OutcomePolicy outcomes;
    private final ControlFeed controls;
    private final WorkerJobMetrics metrics;
    private final Map<String, RunningJob> runningJobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays;
    private final RunningJob.Context runs;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final int resumeBelow;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile boolean assigned;
    private int inFlight;
    private boolean paused;

    public DispatchLoop(Consumer<String, byte[]> consumer, String topic, ConcurrencyModel model,
                        StatusPublisher publisher, JobCodec codec, DispatchProperties properties,
                        OutcomePolicy outcomes, TimeLimits timeLimits, ControlFeed controls,
                        WorkerJobMetrics metrics, String workerId, Clock clock) {
        this.consumer = consumer;
        this.offsets = new PartitionOffsets(consumer, properties.maxInFlight());
        this.topic = topic;
        this.model = model;
        this.publisher = publisher;
        this.codec = codec;
        this.properties = properties;
        this.outcomes = outcomes;
        this.controls = controls;
        this.metrics = metrics;
        this.workerId = workerId;
        // Retries that must wait are started by a timer, so waiting never holds up the partition behind them.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("jobmesh-dispatch-timer").factory());
        // Every run's time limit is cancelled when it ends: drop it then, not when it would have fired.
        timer.setRemoveOnCancelPolicy(true);
        this.delays = timer;
        this.clock = clock;
        this.runs = new RunningJob.Context(workerId, clock, timer, timeLimits, properties.stopGrace(),
                properties.runningStatusDelay(), publisher,
                (job, at) -> metrics.started(job.type(), job.submittedAt(), at));
        // Resume only once a quarter of the window is free, so one poll's records are not fetched,
        // mostly sought back, and fetched again for every single slot that frees up.
        int max = properties.maxInFlight();
        this.resumeBelow = Math.max(1, max - Math.max(1, max / 4) + 1);
        controls.onCancel(this::cancel);
    }

    /** A cancellation arrived: stop the job if it runs here (any thread). */
    private void cancel(String jobId, Instant requestedAt) {
        RunningJob run = runningJobs.get(jobId);
        if (run != null && JobControl.covers(requestedAt, run.job())) {
            run.stop(JobError.CANCELLED);
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            long nextCommit = System.nanoTime();
            while (running) {
                drainCompletions();
                if (System.nanoTime() - nextCommit >= 0) {
                    offsets.commitAll(false);
                    nextCommit = System.nanoTime() + properties.commitInterval().toNanos();
                }
                updatePause();
                ConsumerRecords<String, byte[]> records = consumer.poll(paused ? FULL_POLL_TIMEOUT : properties.pollTimeout());
                lastPollNanos = System.nanoTime();
                assigned = !consumer.assignment().isEmpty();
                dispatch(records);
            }
            drain();
            delays.shutdownNow();
        } catch (RuntimeException e) {
            log.error("Dispatch loop for {} stopped by an error", topic, e);
            throw e;
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                log.warn("Closing the consumer of {} failed: {}", topic, e.toString());
            }
            finished.countDown();
        }
    }

    /** Asks the loop to stop polling, finish what is in flight (up to the drain timeout), commit and exit. */
    public void stop() {
        running = false;
    }

    /** Waits for the loop to exit; true if it did within the timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop thread is still in its poll loop (false once it stopped or died). */
    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /** Whether the loop has partitions to consume. */
    public boolean hasAssignment() {
        return assigned;
    }

    /** When {@code poll()} last returned, in {@link System#nanoTime()} units. */
    public long lastPollNanos() {
        return lastPollNanos;
    }

    private void dispatch(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            InFlightWindow window = offsets.window(partition);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (inFlight >= properties.maxInFlight() || window.isFull()) {
                    // Poll returned more than fits: hand them back to Kafka rather than hold them in memory.
                    consumer.seek(partition, record.offset());
                    break;
                }
                start(partition, window, record);
            }
        }
    }

    private void start(TopicPartition partition, InFlightWindow window, ConsumerRecord<String, byte[]> record) {
        Slot slot = offsets.add(partition, window, record.offset());
        inFlight++;
        metrics.inFlight(inFlight);
        Job job;
        try {
            job = codec.decodeJob(record.value());
        } catch (UndecodableRecordException e) {
            log.error("Record {}-{}@{} is not a job, moving it to {}: {}", partition.topic(), partition.partition(),
                    record.offset(), JobTopics.DEAD_LETTERS, e.getMessage());
            publisher.publishDeadLetterDurably(DeadLetter.unreadable(record.topic(), record.partition(),
                    record.offset(), record.key(), record.value(), e.getMessage(), workerId, clock.instant()),
                    () -> completions.add(slot));
            return;
        }
        Duration wait = job.notBefore() == null ? Duration.ZERO : Duration.between(clock.instant(), job.notBefore());
        if (wait.isPositive()) {
            delays.schedule(() -> execute(slot, job), wait.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            execute(slot, job);
        }
    }

    private void execute(Slot slot, Job job) {
        if (JobControl.covers(controls.cancelledAt(job.id()), job)) {
            Instant now = clock.instant();
            decided(slot, job, outcomes.cancelledBeforeStart(job, workerId, now), null, now);
            return;
        }
        RunningJob run = new RunningJob(job, runs, finished -> ended(slot, finished));
        runningJobs.put(job.id(), run);
        try {
            model.execute(job, run);
        } catch (RuntimeException e) {
            log.error("Model refused job {}", job.id(), e);
            run.completed(JobOutcome.failure(JobError.MODEL_ERROR, e.toString()));
        }
    }

    /** A run ended (on any thread): the outcome policy decides what follows, and the loop writes it. */
    private void ended(Slot slot, FinishedRun run) {
        runningJobs.computeIfPresent(run.job().id(), (id, current) -> current.job() == run.job() ? null : current);
        decided(slot, run.job(), outcomes.decide(run), run.startedAt(), run.finishedAt());
    }

    private void decided(Slot slot, Job job, OutcomeDecision decision, Instant startedAt, Instant finishedAt) {
        metrics.finished(job.type(), decision.meterOutcome(), startedAt, finishedAt);
        // The offset is released only once Kafka has every record of the decision.
        publisher.publish(decision, slot.partition().topic(), () -> completions.add(slot));
    }

    private void drainCompletions() {
        Slot done;
        while ((done = completions.poll()) != null) {
            inFlight--;
            offsets.complete(done);
        }
        metrics.inFlight(inFlight);
    }

    private void updatePause() {
        if (!paused && inFlight >= properties.maxInFlight()) {
            paused = true;
        } else if (paused && inFlight < resumeBelow) {
            paused = false;
            consumer.resume(consumer.paused());
        }
        if (paused) {
            // Also covers partitions assigned while full.
            consumer.pause(consumer.assignment());
        }
    }

    private void drain() {
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (inFlight > 0 && System.nanoTime() - deadline < 0) {
            drainCompletions();
            consumer.pause(consumer.assignment());
            consumer.poll(FULL_POLL_TIMEOUT);
            lastPollNanos = System.nanoTime();
        }
        drainCompletions();
        if (inFlight > 0) {
            log.warn("{} jobs of {} still running after the drain timeout; they will be redelivered", inFlight, topic);
        }
        offsets.commitAll(true);
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainCompletions();
            offsets.commit(partitions, true);
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Assigned {}", partitions);
        }
    }
}
