package dev.jobmesh.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.kafka.JobTopics;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.metrics.WorkerJobMetrics;
import dev.jobmesh.core.outcome.OutcomePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a worker's {@link DispatchLoop} on its own platform thread from context start to stop.
 * Stops before the web server, so a draining worker still answers health checks.
 */
public final class DispatchLoopLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoopLifecycle.class);

    private final KafkaClientFactory clients;
    private final ConcurrencyModel model;
    private final StatusPublisher publisher;
    private final JobCodec codec;
    private final DispatchProperties properties;
    private final WorkerProperties worker;
    private final OutcomePolicy outcomes;
    private final TimeLimits timeLimits;
    private final WorkerJobMetrics metrics;
    private final MeterRegistry registry;
    private volatile @Nullable KafkaClientMetrics consumerMetrics;
    private volatile @Nullable DispatchLoop loop;
    private volatile @Nullable ControlFeed controls;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Thread controlThread;

    public DispatchLoopLifecycle(KafkaClientFactory clients, ConcurrencyModel model, StatusPublisher publisher,
                                 JobCodec codec, DispatchProperties properties, WorkerProperties worker,
                                 OutcomePolicy outcomes, TimeLimits timeLimits, WorkerJobMetrics metrics,
                                 MeterRegistry registry) {
        this.clients = clients;
        this.model = model;
        this.publisher = publisher;
        this.codec = codec;
        this.properties = properties;
        this.worker = worker;
        this.outcomes = outcomes;
        this.timeLimits = timeLimits;
        this.metrics = metrics;
        this.registry = registry;
    }

    @Override
    public void start() {
        String topic = JobTopics.jobs(worker.model());
        controls = new ControlFeed(clients.consumer(worker.instanceId() + "-control", null, Map.of()), codec,
                clients.settings().statusRetention(), Clock.systemUTC());
        controlThread = Thread.ofPlatform().name("jobmesh-control").start(controls);
        // A worker that dies is noticed within the session timeout; 10 s rather than Kafka's 45 s, so the jobs it
        // held are redelivered to the others (or to its own restart) soon.
        var consumer = clients.consumer(worker.instanceId(), JobTopics.consumerGroup(worker.model()), Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1000, properties.sessionTimeout().toMillis() / 3)));
        // Consumer lag per topic and partition, among the client's other metrics.
        // Partition-level meters appear as partitions are fetched; look for new ones every 5 s, not every minute.
        consumerMetrics = new KafkaClientMetrics(consumer, Tags.empty(), Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jobmesh-kafka-metrics").factory()), Duration.ofSeconds(5));
        consumerMetrics.bindTo(registry);
        loop = new DispatchLoop(consumer, topic, model, publisher, codec, properties, outcomes, timeLimits,
                controls, metrics, worker.instanceId(), Clock.systemUTC());
        thread = Thread.ofPlatform().name("jobmesh-dispatch-" + worker.model().id()).start(loop);
        log.info("Worker {} consuming {} with at most {} jobs in flight", worker.instanceId(), topic,
                properties.maxInFlight());
    }

    @Override
    public void stop() {
        DispatchLoop current = loop;
        if (current == null) {
            return;
        }
        current.stop();
        try {
            if (!current.awaitStopped(properties.drainTimeout().plus(Duration.ofSeconds(10)))) {
                log.warn("Dispatch loop did not stop in time");
            }
            controls.stop();
            controlThread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** The running loop, or null while stopped. */
    public @Nullable DispatchLoop loop() {
        return loop;
    }
}
