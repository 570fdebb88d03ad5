package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobOutcome;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.KafkaSettings;
import dev.jobmesh.core.kafka.TopicProvisioner;
import dev.jobmesh.core.metrics.WorkerJobMetrics;
import dev.jobmesh.core.outcome.ExponentialBackOff;
import dev.jobmesh.core.outcome.OutcomePolicy;
import dev.jobmesh.core.outcome.RetryingOutcomePolicy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shared dispatch loop against a real broker, with a model whose jobs finish when the test says so. */
@EmbeddedKafka(partitions = 6, brokerProperties = {"transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false"})
class DispatchLoopIT {

    private static String bootstrapServers;

    @BeforeAll
    static void broker(EmbeddedKafkaBroker broker) {
        bootstrapServers = broker.getBrokersAsString();
    }

    private final JobCodec codec = new JobCodec();
    private final GatedModel model = new GatedModel();
    private final String topic = "test.dispatch." + UUID.randomUUID();
    private final String group = "test-group-" + UUID.randomUUID();
    private KafkaClientFactory clients;
    private StatusPublisher publisher;
    private DispatchLoop loop;
    private ControlFeed controls;
    private Thread thread;

    @BeforeEach
    void setUp() throws Exception {
        clients = new KafkaClientFactory(KafkaSettings.of(bootstrapServers));
        new TopicProvisioner(clients, Duration.ofSeconds(30)).ensureTopics();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        publisher = new StatusPublisher(clients.producer("test-status", Map.of()), codec);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (loop != null) {
            model.executions.values().forEach(e -> e.completed(JobOutcome.success(Map.of())));
            loop.stop();
            loop.awaitStopped(Duration.ofSeconds(30));
            controls.stop();
        }
        publisher.close();
    }

    private void startLoop(int maxInFlight) {
        DispatchProperties properties = new DispatchProperties(maxInFlight, Duration.ofMillis(20),
                Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofMillis(5));
        OutcomePolicy retries = new RetryingOutcomePolicy(Set.of(JobError.CONNECTION_ERROR, JobError.TIMEOUT),
                new ExponentialBackOff(Duration.ofMillis(300), 2.0, Duration.ofSeconds(5), 0.0));
        controls = new ControlFeed(clients.consumer("test-control", null, Map.of()), codec, Duration.ofHours(1),
                Clock.systemUTC());
        Thread.ofPlatform().name("test-control").start(controls);
        TimeLimits limits = job -> job.timeout(Duration.ofSeconds(60));
        loop = new DispatchLoop(clients.consumer("test-loop", group, Map.of()), topic, model, publisher, codec,
                properties, retries, limits, controls, new WorkerJobMetrics("threads", "test", List.of("noop")),
                "test-worker", Clock.systemUTC());
        thread = Thread.ofPlatform().name("test-dispatch").start(loop);
    }

    private List<String> produce(int count) throws Exception {
        return produce(count, Job.DEFAULT_MAX_ATTEMPTS);
    }

    private List<String> produce(int count, int maxAttempts) throws Exception {
        return produce(count, maxAttempts, null);
    }

    private List<String> produce(int count, int maxAttempts, Long timeoutMs) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-jobs", Map.of())) {
            for (int i = 0; i < count; i++) {
                Job job = new Job(UUID.randomUUID().toString(), "noop", Model.THREADS, Map.of(), Instant.now(), 1,
                        maxAttempts, timeoutMs);
                producer.send(new ProducerRecord<>(topic, 0, job.id(), codec.encodeJob(job))).get(10, TimeUnit.SECONDS);
                ids.add(job.id());
            }
        }
        return ids;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private long committed() throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    @Test
    void committedOffsetNeverPassesAnUnfinishedJob() throws Exception {
        startLoop(100);
        List<String> ids = produce(5);
        await().atMost(Duration.ofSeconds(20)).until(() -> model.executions.size() == 5);

        // Jobs at offsets 1..4 finish; the job at offset 0 is still running.
        for (int i = 1; i < 5; i++) {
            model.executions.get(ids.get(i)).completed(JobOutcome.success(Map.of()));
        }
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertThat(committed()).isZero();
            Thread.sleep(100);
        }

        model.executions.get(ids.get(0)).completed(JobOutcome.success(Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 5);
    }

    @Test
    void fullWindowPausesInsteadOfQueueing() throws Exception {
        startLoop(3);
        List<String> ids = produce(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> model.executions.size() == 3);
        Thread.sleep(500);
        assertThat(model.executions).hasSize(3).containsOnlyKeys(ids.subList(0, 3));

        // Freeing the window lets the rest through, in offset order, never more than three at once.
        for (int round = 0; round < 10 && model.finished.size() < 10; round++) {
            List<String> running = model.executions.keySet().stream().filter(id -> !model.finished.contains(id)).toList();
            assertThat(running.size()).isLessThanOrEqualTo(3);
            running.forEach(id -> {
                model.finished.add(id);
                model.executions.get(id).completed(JobOutcome.success(Map.of()));
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> model.executions.size() == Math.min(10, model.finished.size() + 3)
                            || model.finished.size() == 10);
        }
        assertThat(model.executions).containsOnlyKeys(ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 10);
    }

    @Test
    void undecodableRecordGoesToTheDeadLettersAndLaterJobsRun() throws Exception {
        try (TopicTail<DeadLetter> letters = new TopicTail<>(JobTopics.DEAD_LETTERS, codec::decodeDeadLetter)) {
            startLoop(10);
            try (KafkaProducer<String, byte[]> producer = clients.producer("test-poison", Map.of())) {
                producer.send(new ProducerRecord<>(topic, 0, "poison-" + topic, new byte[]{1, 2, 3})).get(10, TimeUnit.SECONDS);
            }
            List<String> ids = produce(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> model.executions.containsKey(ids.get(0)));
            model.executions.get(ids.get(0)).completed(JobOutcome.success(Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 2);

            DeadLetter letter = letters.first("poison-" + topic);
            assertThat(letter.job()).isNull();
            assertThat(letter.raw().topic()).isEqualTo(topic);
            assertThat(letter.raw().offset()).isZero();
            assertThat(Base64.getDecoder().decode(letter.raw().valueBase64())).containsExactly(1, 2, 3);
        }
    }

    @Test
    void failingJobIsRetriedWithGrowingBackOffThenDeadLettered() throws Exception {
        try (TopicTail<DeadLetter> letters = new TopicTail<>(JobTopics.DEAD_LETTERS, codec::decodeDeadLetter)) {
            model.failWith = new JobError(JobError.CONNECTION_ERROR, "refused");
            startLoop(10);
            String id = produce(1, 3).getFirst();

            DeadLetter letter = letters.first(id);
            assertThat(model.runs.get(id)).hasSize(3);
            assertThat(model.runs.get(id)).extracting(Job::attempt).containsExactly(1, 2, 3);
            List<Instant> times = model.runTimes.get(id);
            assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(550));
            assertThat(letter.error().code()).isEqualTo(JobError.CONNECTION_ERROR);
            assertThat(letter.history()).extracting(JobAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(letter.history()).allSatisfy(a -> assertThat(a.error().code()).isEqualTo(JobError.CONNECTION_ERROR));
            // The original record and both retries are committed.
            await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 3);
        }
    }

    @Test
    void failureThatCanNeverWorkIsFinalAtOnce() throws Exception {
        try (TopicTail<DeadLetter> letters = new TopicTail<>(JobTopics.DEAD_LETTERS, codec::decodeDeadLetter)) {
            model.failWith = new JobError(JobError.INVALID_PARAMS, "limit too large");
            startLoop(10);
            String id = produce(1, 3).getFirst();
            DeadLetter letter = letters.first(id);
            assertThat(letter.history()).hasSize(1);
            assertThat(model.runs.get(id)).hasSize(1);
        }
    }

    @Test
    void waitingRetryDoesNotHoldUpLaterJobs() throws Exception {
        model.failWith = new JobError(JobError.CONNECTION_ERROR, "refused");
        model.failOnly = 1;
        startLoop(10);
        List<String> ids = produce(1, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> model.runs.containsKey(ids.get(0)));
        model.failWith = null;
        List<String> later = produce(3);
        // The retry waits 300 ms; the later jobs of the same partition run meanwhile.
        await().atMost(Duration.ofSeconds(20)).until(() -> later.stream().allMatch(model.executions::containsKey));
        await().atMost(Duration.ofSeconds(20)).until(() -> model.runs.get(ids.get(0)).size() == 2);
    }

    @Test
    void runPastItsTimeLimitIsStoppedAndFailsWithTimeout() throws Exception {
        try (TopicTail<DeadLetter> letters = new TopicTail<>(JobTopics.DEAD_LETTERS, codec::decodeDeadLetter)) {
            startLoop(10);
            String id = produce(1, 1, 300L).getFirst();
            DeadLetter letter = letters.first(id);
            assertThat(letter.error().code()).isEqualTo(JobError.TIMEOUT);
            assertThat(model.stopped).contains(id);
        }
    }

    @Test
    void modelThatIgnoresTheStopIsReportedStoppedAfterTheGrace() throws Exception {
        try (TopicTail<DeadLetter> letters = new TopicTail<>(JobTopics.DEAD_LETTERS, codec::decodeDeadLetter)) {
            model.honourStops = false;
            startLoop(10);
            String id = produce(1, 1, 200L).getFirst();
            DeadLetter letter = letters.first(id);
            assertThat(letter.error().code()).isEqualTo(JobError.TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 1);
        }
    }

    @Test
    void aRunThatEndsWithinTheDelayWritesNoRunningStatusAndALongerOneWritesItBeforeItsOutcome() throws Exception {
        try (TopicTail<JobState> statuses = new TopicTail<>(JobTopics.STATUS, codec::decodeState)) {
            model.failWith = new JobError(JobError.INVALID_PARAMS, "ends at once");
            model.failOnly = 1;
            startLoop(10);
            List<String> ids = produce(2);
            String quick = ids.get(0);
            String slow = ids.get(1);
            assertThat(statuses.first(quick, s -> s.status().isTerminal()).status()).isEqualTo(JobStatus.FAILED);
            assertThat(statuses.first(slow, s -> s.status() == JobStatus.RUNNING)).isNotNull();
            model.executions.get(slow).completed(JobOutcome.success(Map.of()));
            assertThat(statuses.first(slow, s -> s.status().isTerminal()).status()).isEqualTo(JobStatus.SUCCEEDED);

            // Whatever else arrives for the quick job, never a RUNNING; the slow one's RUNNING came first.
            Thread.sleep(200);
            statuses.first(slow, s -> true);
            assertThat(statuses.all(quick)).extracting(JobState::status).doesNotContain(JobStatus.RUNNING);
            assertThat(statuses.all(slow)).extracting(JobState::status)
                    .containsSubsequence(JobStatus.RUNNING, JobStatus.SUCCEEDED).last().isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void cancellationStopsARunningJobAndSkipsAQueuedOne() throws Exception {
        try (TopicTail<JobState> statuses = new TopicTail<>(JobTopics.STATUS, codec::decodeState);
             KafkaProducer<String, byte[]> control = clients.producer("test-cancel", Map.of())) {
            startLoop(1);
            List<String> ids = produce(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> model.executions.containsKey(ids.get(0)));
            for (String id : ids) {
                control.send(new ProducerRecord<>(JobTopics.CONTROL, id,
                        codec.encodeControl(new JobControl(id, JobControl.CANCEL, Instant.now())))).get(10, TimeUnit.SECONDS);
            }
            for (String id : ids) {
                JobState state = statuses.first(id, s -> s.status().isTerminal());
                assertThat(state.status()).isEqualTo(JobStatus.CANCELLED);
                assertThat(state.error().code()).isEqualTo(JobError.CANCELLED);
            }
            assertThat(model.stopped).containsExactly(ids.get(0));
            assertThat(model.executions).doesNotContainKey(ids.get(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 2);
        }
    }

    /** Hands every job to the test, which finishes them; or fails every run at once when told to. */
    private static final class GatedModel implements ConcurrencyModel {

        final Map<String, JobExecution> executions = new ConcurrentHashMap<>();
        final java.util.Set<String> finished = ConcurrentHashMap.newKeySet();
        final Map<String, List<Job>> runs = new ConcurrentHashMap<>();
        final Map<String, List<Instant>> runTimes = new ConcurrentHashMap<>();
        volatile JobError failWith;
        volatile int failOnly = Integer.MAX_VALUE;
        volatile boolean honourStops = true;
        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Job job, JobExecution execution) {
            execution.onStop(() -> {
                stopped.add(job.id());
                if (honourStops) {
                    execution.completed(JobOutcome.failure(JobError.INTERRUPTED, "stopped"));
                }
            });
            execution.started();
            runs.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>()).add(job);
            runTimes.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>()).add(Instant.now());
            JobError error = failWith;
            if (error != null && failOnly-- > 0) {
                execution.completed(JobOutcome.failure(error.code(), error.message()));
            } else {
                executions.put(job.id(), execution);
            }
        }
    }

    /** Reads a topic from its end as it was when made, keeping each key's records that match. */
    private final class TopicTail<T> implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = clients.consumer("test-tail", null, Map.of());
        private final java.util.function.Function<byte[], T> decode;
        private final Map<String, List<T>> seen = new ConcurrentHashMap<>();

        TopicTail(String topic, java.util.function.Function<byte[], T> decode) {
            this.decode = decode;
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** The first record of the key that matches, waiting up to 30 s for it. */
        T first(String id, java.util.function.Predicate<T> matches) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.value() != null) {
                        seen.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>()).add(decode.apply(r.value()));
                    }
                });
                return seen.getOrDefault(id, List.of()).stream().filter(matches).findFirst().orElse(null);
            }, java.util.Objects::nonNull);
        }

        T first(String id) {
            return first(id, any -> true);
        }

        /** Every record of the key seen so far, in topic order. */
        List<T> all(String id) {
            return seen.getOrDefault(id, List.of());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
