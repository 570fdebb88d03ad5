package dev.jobmesh.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads each model's consumer group from Kafka every few seconds: how many workers are members (a model without
 * one is never chosen) and how many of its topic's jobs they have not yet committed (its backlog). Kafka's admin API
 * only: the gateway never calls a worker.
 */
public final class ConsumerGroupProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupProbe.class);

    private final KafkaClientFactory clients;
    private final String clientId;
    private final RoutingProperties properties;
    private final Clock clock;
    private final CompletableFuture<Groups> first = new CompletableFuture<>();
    private volatile @Nullable Groups latest;
    private volatile @Nullable ScheduledExecutorService scheduler;
    private @Nullable Admin admin;
    private final Map<Model, List<TopicPartition>> partitions = new EnumMap<>(Model.class);

    public ConsumerGroupProbe(KafkaClientFactory clients, String clientId, RoutingProperties properties, Clock clock) {
        this.clients = clients;
        this.clientId = clientId;
        this.properties = properties;
        this.clock = clock;
    }

    /** One model's consumer group as last read. */
    public record Group(Model model, int members, long lag) {

        public boolean ready() {
            return members > 0;
        }
    }

    /** Every model's group, read at {@code at}. */
    public record Groups(Instant at, Map<Model, Group> models) {

        public Group of(Model model) {
            return models.get(model);
        }
    }

    /**
     * The groups as last read; before the first reading, waits for it up to the probe timeout, and answers null if
     * Kafka has not answered by then.
     */
    public @Nullable Groups latest() {
        Groups current = latest;
        if (current != null) {
            return current;
        }
        try {
            return first.get(properties.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The groups as last read, without waiting; null before the first reading. */
    @Nullable Groups current() {
        return latest;
    }

    @Override
    public void start() {
        admin = clients.admin(clientId);
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jobmesh-routing-probe").factory());
        scheduler = started;
        started.scheduleWithFixedDelay(this::probe, 0, properties.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        try {
            Groups groups = read();
            latest = groups;
            first.complete(groups);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Could not read the models' consumer groups: {}", e.toString());
        }
    }

    private Groups read() throws Exception {
        Admin kafka = admin;
        long timeout = properties.probeTimeout().toMillis();
        Map<String, Model> byGroup = new HashMap<>();
        for (Model model : Model.values()) {
            byGroup.put(JobTopics.consumerGroup(model), model);
        }
        if (partitions.isEmpty()) {
            List<String> topics = Arrays.stream(Model.values()).map(JobTopics::jobs).toList();
            Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS);
            for (Model model : Model.values()) {
                List<TopicPartition> of = new ArrayList<>();
                described.get(JobTopics.jobs(model)).partitions()
                        .forEach(p -> of.add(new TopicPartition(JobTopics.jobs(model), p.partition())));
                partitions.put(model, List.copyOf(of));
            }
        }
        Map<String, ConsumerGroupDescription> descriptions = new HashMap<>();
        var described = kafka.describeConsumerGroups(byGroup.keySet()).describedGroups();
        for (var group : described.entrySet()) {
            try {
                descriptions.put(group.getKey(), group.getValue().get(timeout, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                // a group no worker of the model has joined yet: no members
                log.trace("No consumer group {}: {}", group.getKey(), e.getCause().toString());
            }
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        byGroup.keySet().forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = kafka.listConsumerGroupOffsets(specs).all()
                .get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.values().forEach(list -> list.forEach(p -> request.put(p, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout, TimeUnit.MILLISECONDS);
        // where a group has committed nothing yet its lag counts from the log's start: asked for those partitions only
        Map<TopicPartition, OffsetSpec> earliestRequest = new HashMap<>();
        byGroup.forEach((group, model) -> partitions.get(model).forEach(p -> {
            if (committed.getOrDefault(group, Map.of()).get(p) == null) {
                earliestRequest.put(p, OffsetSpec.earliest());
            }
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliestRequest.isEmpty() ? Map.of()
                : kafka.listOffsets(earliestRequest).all().get(timeout, TimeUnit.MILLISECONDS);
        Map<Model, Group> models = new EnumMap<>(Model.class);
        for (var entry : byGroup.entrySet()) {
            Model model = entry.getValue();
            ConsumerGroupDescription description = descriptions.get(entry.getKey());
            int members = description == null ? 0 : description.members().size();
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(entry.getKey(), Map.of());
            models.put(model, new Group(model, members, lag(partitions.get(model), offsets, ends, starts)));
        }
        return new Groups(clock.instant(), models);
    }

    /**
     * Jobs on the partitions not yet committed by the group. A worker commits the offset after its last job, and a
     * transaction's commit marker takes the next one, so one offset per partition is not counted: an idle model's
     * lag is 0, not one per partition.
     */
    private static long lag(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed,
                            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends,
                            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts) {
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            long from = offset != null ? offset.offset() : starts.get(partition).offset();
            lag += Math.max(0, ends.get(partition).offset() - from - 1);
        }
        return lag;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            return;
        }
        current.shutdownNow();
        try {
            current.awaitTermination(properties.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
