package dev.jobmesh.gateway.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.service.ProcessOwnedFiles;
import dev.jobmesh.gateway.routing.ModelStatistics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.FileSystemUtils;

/**
 * Every job's latest status (and the dead letters), rebuilt from {@code jobs.status} (and {@code jobs.dlt})
 * alone, so any gateway instance answers for
 * any job and a restarted one loses nothing. Lookups and long-polls return futures; none holds a thread.
 */
public final class StatusView implements SmartLifecycle, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatusView.class);
    // A fetched partition's records stay on the heap until the reader has taken the last of them: at Kafka's 1 MB
    // a replaying reader's fetches outlived young collections, were promoted and filled the 128 MB heap's old
    // generation about once a second (18 full collections in a join on a million jobs; 7 at 256 KB).
    private static final Map<String, Object> CONSUMER_OVERRIDES = Map.of(
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);

    private final KafkaClientFactory clients;
    private final JobCodec codec;
    private final StatusViewProperties properties;
    private final String instanceId;
    private final MeterRegistry registry;
    private final EndToEndLatency latency;
    private final ModelStatistics statistics;
    private volatile OutcomeGuard outcomes;
    /** Where readers continue once the view has what they wait for: the view's own threads only read Kafka. */
    private final ExecutorService callbacks;
    private final ViewPositions positions;
    private final TerminalWaiters waiters;
    private final UnfinishedJobs unfinished = new UnfinishedJobs();
    private volatile StatusStore store;
    private volatile List<StatusViewUpdater> updaters = List.of();
    private volatile CompletableFuture<Void> rebuilt = new CompletableFuture<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ViewReplay replay = new ViewReplay();
    private volatile Admin admin;
    private volatile List<TopicPartition> partitions = List.of();
    private Path directory;
    private boolean temporary;

    public StatusView(KafkaClientFactory clients, JobCodec codec, StatusViewProperties properties, String instanceId,
                      MeterRegistry registry, EndToEndLatency latency, ModelStatistics statistics) {
        this.clients = clients;
        this.codec = codec;
        this.properties = properties;
        this.instanceId = instanceId;
        this.registry = registry;
        this.latency = latency;
        this.statistics = statistics;
        this.callbacks = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("jobmesh-view-callback-", 0).factory());
        this.positions = new ViewPositions(callbacks, replay);
        this.waiters = new TerminalWaiters();
    }

    /**
     * Starts reading as soon as the bean exists, not when the context starts its lifecycles: a joining gateway's
     * replay (most of its time to ready) then runs beside the creation of the rest of the context, on the cores
     * that single-threaded start leaves idle.
     */
    @Override
    public void afterPropertiesSet() {
        start();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            temporary = properties.directory() == null;
            if (temporary) {
                // a gateway killed with -9 leaves its directory behind (~75 MB for a million jobs): the next one prunes
                ProcessOwnedFiles views = new ProcessOwnedFiles(Path.of(System.getProperty("java.io.tmpdir")), "jobmesh-view-");
                views.pruneEnded();
                directory = views.createDirectory();
            } else {
                directory = properties.directory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = StatusStore.open(directory, codec);
        admin = clients.admin(instanceId + "-view-admin");
        outcomes = new OutcomeGuard(clients.producer(instanceId + "-outcomes", Map.of()), codec, registry);
        unfinished.load(store.unfinished());
        boolean filling = store.isEmpty();
        if (filling) {
            store.deferCompactions();
        }
        List<StatusViewUpdater> started = new ArrayList<>();
        for (int reader = 0; reader < properties.readers(); reader++) {
            var consumer = clients.consumer(instanceId + "-view-" + reader, null, CONSUMER_OVERRIDES);
            if (reader == 0) {
                partitions = StatusViewUpdater.partitionsOf(consumer);
            }
            List<TopicPartition> share = share(partitions, reader, properties.readers());
            if (share.isEmpty()) {
                consumer.close();
                break;
            }
            StatusViewUpdater updater = new StatusViewUpdater(consumer, share, store, codec, positions, waiters,
                    outcomes, latency, unfinished, statistics);
            updater.assign();
            started.add(updater);
        }
        updaters = List.copyOf(started);
        for (int reader = 0; reader < updaters.size(); reader++) {
            threads.add(Thread.ofPlatform().name("jobmesh-status-view-" + reader).start(updaters.get(reader)));
        }
        rebuilt = reachEnd(true);
        if (filling) {
            StatusStore filled = store;
            rebuilt.whenComplete((done, error) -> filled.resumeCompactions());
        }
        log.info("Job view at {} reading {} partitions of {} and {} on {} threads", directory, partitions.size(),
                JobTopics.STATUS, JobTopics.DEAD_LETTERS, updaters.size());
    }

    /** Every {@code readers}-th partition from the {@code reader}-th: each topic's partitions spread over the readers. */
    private static List<TopicPartition> share(List<TopicPartition> partitions, int reader, int readers) {
        List<TopicPartition> share = new ArrayList<>();
        for (int i = reader; i < partitions.size(); i += readers) {
            share.add(partitions.get(i));
        }
        return share;
    }

    /** Jobs of this owner (an API key's name) queued or running, as far as the view has read. */
    public long unfinished(String owner) {
        return unfinished.count(owner);
    }

    /** The job as the view knows it now. */
    public Optional<JobState> find(String id) {
        return store.get(id);
    }

    /**
     * The job, after the view has read everything written to {@code jobs.status} before this call (bounded by
     * the catch-up timeout), so a job accepted by any instance an instant ago is found.
     */
    public CompletableFuture<Optional<JobState>> findCaughtUp(String id) {
        Optional<JobState> now = find(id);
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now);
        }
        return catchUp().thenApply(ignored -> find(id));
    }

    /**
     * Completes once the view has read everything written to its topics before this call, or when the
     * catch-up timeout passes (the view may then be behind; callers answer from what it has).
     */
    public CompletableFuture<Void> catchUp() {
        return reachEnd()
                .orTimeout(properties.catchUpTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    log.debug("View did not catch up in time: {}", error.toString());
                    return null;
                });
    }

    /**
     * Whether the view has read everything that was in its topics when it started: until then it misses jobs
     * finished before the start, so the gateway is not ready. A failed attempt (Kafka down) is retried here.
     */
    public boolean isRebuilt() {
        CompletableFuture<Void> current = rebuilt;
        if (current.isCompletedExceptionally() && isRunning()) {
            rebuilt = reachEnd(true);
        }
        return current.isDone() && !current.isCompletedExceptionally();
    }

    /** Records the view has still to read to be rebuilt after its start (a gauge); NaN before it knows. */
    double replayRemaining() {
        return replay.remaining();
    }

    private CompletableFuture<Void> reachEnd() {
        return reachEnd(false);
    }

    /** @param replay whether this is the start's replay, whose progress is reported */
    private CompletableFuture<Void> reachEnd(boolean replay) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        // A plain future, not one derived from Kafka's: those refuse to be completed from outside, so the catch-up
        // timeout (orTimeout) could not end a wait on a broker that is away - it took the admin client's 60 s.
        CompletableFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> offsets = new CompletableFuture<>();
        admin.listOffsets(request).all().whenComplete((ends, error) -> {
            if (error != null) {
                offsets.completeExceptionally(error);
            } else {
                offsets.complete(ends);
            }
        });
        return offsets.thenCompose(ends -> {
            Map<TopicPartition, Long> targets = new HashMap<>();
            ends.forEach((p, info) -> targets.put(p, info.offset()));
            if (replay) {
                this.replay.begin(targets, positions.reached());
            }
            return positions.awaitReached(targets);
        });
    }

    /** The dead letter of a job, as the view knows it now. */
    public Optional<DeadLetter> deadLetter(String id) {
        return store.deadLetter(id);
    }

    /** Dead letters in id order, after {@code afterId} (null: from the first). */
    public List<DeadLetter> deadLetters(String afterId, int limit) {
        return store.deadLetters(afterId, limit);
    }

    /**
     * The JSON of many jobs, each once it is finished or when the wait has run out, null for an id the view does
     * not know. A job the view knows is answered from it as it stands; only ids not found wait for the view to
     * catch up with the topic's end, so a job accepted an instant ago by any instance is found. (Waiting for the
     * end on every read made each one wait out the workers' stream of updates: seconds while a backlog drains.)
     */
    public CompletableFuture<List<@Nullable StatusJson>> awaitTerminalJson(List<String> ids, Duration wait) {
        BatchWait batch = new BatchWait(ids, store, waiters);
        if (!wait.isPositive()) {
            if (!batch.lookUp(false)) {
                return CompletableFuture.completedFuture(batch.answers());
            }
            return catchUp().thenApply(ignored -> {
                batch.lookUp(false);
                return batch.answers();
            });
        }
        CompletableFuture<Void> located = batch.lookUp(true)
                ? catchUp().thenRun(() -> {
                    batch.lookUp(true);
                    batch.forgetUnknown();
                })
                : CompletableFuture.completedFuture(null);
        // Answered off the view's thread, which completes the wait when the last job finishes.
        return located.thenCompose(ignored -> batch.await(wait)).thenApplyAsync(ignored -> batch.answers(), callbacks);
    }

    /** The longest wait a client may ask for. */
    public Duration maxWait() {
        return properties.maxWait();
    }

    /** Hands the ids of jobs that finished before the cutoff to {@code page}, oldest first; returns how many. */
    int finishedBefore(Instant cutoff, int pageSize, Consumer<List<String>> page) {
        return store.finishedBefore(cutoff, pageSize, page);
    }

    /** Compacts the jobs finished before the cutoff, whose deletions the view has read, out of its files. */
    void reclaimFinishedBefore(Instant cutoff) {
        if (isRunning()) {
            store.reclaimFinishedBefore(cutoff);
        }
    }

    /** RocksDB's estimate of the number of jobs held. */
    public long estimatedSize() {
        return store.estimatedSize();
    }

    /** Native memory of the view's store by what holds it (a {@link StatusViewMetrics} kind); NaN while stopped. */
    double memory(String kind) {
        return isRunning() ? store.memory(kind) : Double.NaN;
    }

    /** Stops a view whose context failed to start after the view had (no lifecycle stop follows then). */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public synchronized void stop() {
        List<StatusViewUpdater> current = updaters;
        if (current.isEmpty()) {
            return;
        }
        current.forEach(StatusViewUpdater::stop);
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
        admin.close(Duration.ofSeconds(2));
        outcomes.close();
        callbacks.shutdown();
        store.close();
        updaters = List.of();
        if (temporary) {
            deleteRecursively(directory);
        }
    }

    @Override
    public boolean isRunning() {
        return !updaters.isEmpty();
    }

    @Override
    public int getPhase() {
        return 0; // up before the web server takes requests, down after it stopped
    }

    private static void deleteRecursively(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", dir, e.toString());
        }
    }

}
