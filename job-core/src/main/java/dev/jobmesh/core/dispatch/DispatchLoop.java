package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.UndecodableRecordException;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.metrics.JobMeters;
import dev.jobmesh.core.metrics.WorkerJobMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    private final Map<TopicPartition, InFlightWindow> windows = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Queue<Slot> completions = new ConcurrentLinkedQueue<>();
    private final RetryPolicy retryPolicy;
    private final TimeLimits timeLimits;
    private final ControlFeed controls;
    private final WorkerJobMetrics metrics;
    private final Map<String, Execution> runningJobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final int resumeBelow;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile boolean assigned;
    private int inFlight;
    private boolean paused;

    public DispatchLoop(Consumer<String, byte[]> consumer, String topic, ConcurrencyModel model,
                        StatusPublisher publisher, JobCodec codec, DispatchProperties properties,
                        RetryPolicy retryPolicy, TimeLimits timeLimits, ControlFeed controls,
                        WorkerJobMetrics metrics, String workerId, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.model = model;
        this.publisher = publisher;
        this.codec = codec;
        this.properties = properties;
        this.retryPolicy = retryPolicy;
        this.timeLimits = timeLimits;
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
        // Resume only once a quarter of the window is free, so one poll's records are not fetched,
        // mostly sought back, and fetched again for every single slot that frees up.
        int max = properties.maxInFlight();
        this.resumeBelow = Math.max(1, max - Math.max(1, max / 4) + 1);
        controls.onCancel(this::cancel);
    }

    /** A cancellation arrived: stop the job if it runs here (any thread). */
    private void cancel(String jobId, Instant requestedAt) {
        Execution execution = runningJobs.get(jobId);
        if (execution != null && cancels(requestedAt, execution.job)) {
            execution.stop(JobError.CANCELLED);
        }
    }

    /** A cancellation covers the jobs submitted before it, not a later replay under the same id. */
    private static boolean cancels(Instant requestedAt, Job job) {
        return requestedAt != null && (job.submittedAt() == null || !requestedAt.isBefore(job.submittedAt()));
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            long nextCommit = System.nanoTime();
            while (running) {
                drainCompletions();
                if (System.nanoTime() - nextCommit >= 0) {
                    commit(false);
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
            InFlightWindow window = windows.computeIfAbsent(partition, p -> new InFlightWindow(properties.maxInFlight()));
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
        Slot slot = new Slot(partition, window, window.add(record.offset()));
        inFlight++;
        metrics.inFlight(inFlight);
        Job job;
        try {
            job = codec.decodeJob(record.value());
        } catch (UndecodableRecordException e) {
            log.error("Record {}-{}@{} is not a job, moving it to {}: {}", partition.topic(), partition.partition(),
                    record.offset(), JobTopics.DEAD_LETTERS, e.getMessage());
            publisher.publishDeadLetterDurably(poison(record, e), () -> completions.add(slot));
            return;
        }
        Execution execution = new Execution(slot, job);
        Duration wait = job.notBefore() == null ? Duration.ZERO : Duration.between(clock.instant(), job.notBefore());
        if (wait.isPositive()) {
            delays.schedule(() -> execute(job, execution), wait.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            execute(job, execution);
        }
    }

    private void execute(Job job, Execution execution) {
        if (cancels(controls.cancelledAt(job.id()), job)) {
            execution.cancelledBeforeStart();
            return;
        }
        runningJobs.put(job.id(), execution);
        try {
            model.execute(job, execution);
        } catch (RuntimeException e) {
            log.error("Model refused job {}", job.id(), e);
            execution.completed(JobOutcome.failure(JobError.MODEL_ERROR, e.toString()));
        }
    }

    private DeadLetter poison(ConsumerRecord<String, byte[]> record, UndecodableRecordException e) {
        String id = record.key() != null ? record.key()
                : "undecodable-" + record.topic() + "-" + record.partition() + "-" + record.offset();
        String value = record.value() == null ? null : Base64.getEncoder().encodeToString(record.value());
        return new DeadLetter(id, null, new JobError(JobError.INVALID_PARAMS, "not a job record: " + e.getMessage()),
                List.of(), workerId, clock.instant(),
                new DeadLetter.RawRecord(record.topic(), record.partition(), record.offset(), record.key(), value));
    }

    private void drainCompletions() {
        Slot done;
        while ((done = completions.poll()) != null) {
            inFlight--;
            if (windows.get(done.partition()) == done.window()) {
                done.window().complete(done.seq());
            }
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

    private void commit(boolean sync) {
        commit(windows.keySet(), sync);
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
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
        commit(true);
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainCompletions();
            commit(partitions, true);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Assigned {}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            // Jobs still running for these partitions finish and publish, but no longer move their offsets:
            // the partition's new owner starts from the last commit and may run them again.
            partitions.forEach(p -> {
                windows.remove(p);
                committed.remove(p);
            });
        }
    }

    /** A handed-out record's place in its partition's window. */
    private record Slot(TopicPartition partition, InFlightWindow window, long seq) {
    }

    private final class Execution implements JobExecution {

        private final Slot slot;
        private final Job job;
        private final AtomicBoolean completed = new AtomicBoolean();
        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicReference<Runnable> stopper = new AtomicReference<>();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private volatile ScheduledFuture<?> limit;
        private volatile Instant startedAt;

        Execution(Slot slot, Job job) {
            this.slot = slot;
            this.job = job;
        }

        @Override
        public void started() {
            int run = runs.incrementAndGet();
            startedAt = clock.instant();
            ScheduledFuture<?> previous = limit;
            if (previous != null) {
                previous.cancel(false);
            }
            limit = delays.schedule(() -> stop(JobError.TIMEOUT), timeLimits.limitFor(job).toMillis(),
                    TimeUnit.MILLISECONDS);
            publisher.publish(JobState.running(job, job.attempt() + run - 1, workerId, startedAt));
            metrics.started(job.type(), job.submittedAt(), startedAt);
        }

        @Override
        public void onStop(Runnable stop) {
            stopper.set(stop);
            if (stopReason.get() != null) {
                runStopper();
            }
        }

        /** Asks the model to end this run; reports it stopped after the grace period if the model does not. */
        void stop(String reason) {
            if (completed.get() || !stopReason.compareAndSet(null, reason)) {
                return;
            }
            runStopper();
            delays.schedule(() -> completed(JobOutcome.failure(reason, "stopped")),
                    properties.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void runStopper() {
            Runnable stop = stopper.getAndSet(null);
            if (stop != null) {
                try {
                    stop.run();
                } catch (RuntimeException e) {
                    log.warn("Stopping job {} failed: {}", job.id(), e.toString());
                }
            }
        }

        void cancelledBeforeStart() {
            if (completed.compareAndSet(false, true)) {
                Instant now = clock.instant();
                metrics.finished(job.type(), JobMeters.CANCELLED, null, now);
                publisher.publishDurably(JobState.cancelled(job, workerId, now), afterAcks(1));
            }
        }

        @Override
        public void completed(JobOutcome result) {
            JobOutcome outcome = result;
            if (!completed.compareAndSet(false, true)) {
                return;
            }
            runningJobs.remove(job.id(), this);
            ScheduledFuture<?> timer = limit;
            if (timer != null) {
                timer.cancel(false);
            }
            String reason = stopReason.get();
            if (reason != null && !outcome.succeeded()) {
                outcome = JobOutcome.failure(reason, JobError.TIMEOUT.equals(reason)
                        ? "ran past its time limit of " + timeLimits.limitFor(job) : "cancelled while running");
            }
            Instant finishedAt = clock.instant();
            Instant began = startedAt == null ? finishedAt : startedAt;
            int attempts = job.attempt() + Math.max(runs.get(), 1) - 1;
            Optional<Duration> delay = retryPolicy.nextDelay(outcome.error(), attempts, job.maxAttempts());
            boolean retrying = !outcome.succeeded() && delay.isPresent();
            metrics.finished(job.type(), retrying ? JobMeters.RETRIED : switch (outcome.status()) {
                case SUCCEEDED -> JobMeters.SUCCEEDED;
                case CANCELLED -> JobMeters.CANCELLED;
                default -> JobMeters.FAILED;
            }, began, finishedAt);
            if (retrying) {
                Job retry = job.retry(attempts + 1, finishedAt.plus(delay.get()), JobState.withRun(job.history(),
                        new JobAttempt(attempts, workerId, began, finishedAt, outcome.error())));
                Runnable acknowledged = afterAcks(2);
                publisher.publishJobDurably(slot.partition().topic(), retry, acknowledged);
                publisher.publishDurably(JobState.retrying(retry, workerId, outcome.error(), began, finishedAt),
                        acknowledged);
                return;
            }
            JobState terminal = JobState.finished(job, attempts, workerId, outcome, began, finishedAt);
            if (outcome.status() != JobStatus.FAILED) {
                publisher.publishDurably(terminal, afterAcks(1));
            } else {
                Runnable acknowledged = afterAcks(2);
                publisher.publishDeadLetterDurably(new DeadLetter(job.id(), job, outcome.error(), terminal.history(),
                        workerId, finishedAt, null), acknowledged);
                publisher.publishDurably(terminal, acknowledged);
            }
        }

        /** Releases the job's offset once all of its records are acknowledged. */
        private Runnable afterAcks(int records) {
            AtomicInteger pending = new AtomicInteger(records);
            return () -> {
                if (pending.decrementAndGet() == 0) {
                    completions.add(slot);
                }
            };
        }
    }
}
