package dev.jobmesh.core.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.kafka.KafkaAutoConfiguration;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.TopicProvisioner;
import dev.jobmesh.core.metrics.WorkerJobMetrics;
import dev.jobmesh.core.outcome.OutcomePolicy;
import dev.jobmesh.core.outcome.RetryProperties;
import dev.jobmesh.core.outcome.RetryingOutcomePolicy;
import dev.jobmesh.core.workload.WorkloadAutoConfiguration;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.core.workload.WorkloadTimeLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/** Wires the shared dispatch loop around whichever {@link ConcurrencyModel} a worker module provides. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, WorkloadAutoConfiguration.class})
@ConditionalOnBean(ConcurrencyModel.class)
@EnableConfigurationProperties({DispatchProperties.class, WorkerProperties.class, RetryProperties.class})
public class DispatchAutoConfiguration {

    @Bean(destroyMethod = "close")
    StatusPublisher statusPublisher(KafkaClientFactory clients, JobCodec codec, WorkerProperties worker) {
        // Jobs that finish one at a time still leave in batches.
        return new StatusPublisher(clients.producer(worker.instanceId() + "-status",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5)), codec);
    }

    /** Replaceable, as Spring Kafka's error handler is: one bean decides what follows every run. */
    @Bean
    @ConditionalOnMissingBean
    OutcomePolicy outcomePolicy(RetryProperties properties) {
        return new RetryingOutcomePolicy(properties.retryable(), properties.backOff());
    }

    @Bean
    @ConditionalOnMissingBean
    TimeLimits timeLimits(WorkloadCatalog catalog) {
        return new WorkloadTimeLimits(catalog);
    }

    /** Readiness of a worker: only while its loop really consumes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class DispatchHealthConfiguration {

        @Bean
        DispatchHealthIndicator dispatchHealthIndicator(DispatchLoopLifecycle lifecycle) {
            return new DispatchHealthIndicator(lifecycle, Duration.ofSeconds(10));
        }
    }

    @Bean
    WorkerJobMetrics workerJobMetrics(WorkerProperties worker, ConcurrencyModel model, WorkloadCatalog catalog) {
        return new WorkerJobMetrics(worker.model().id(), model.variant(), List.copyOf(catalog.types()));
    }

    @Bean
    DispatchLoopLifecycle dispatchLoopLifecycle(KafkaClientFactory clients, TopicProvisioner topics,
                                                ConcurrencyModel model, StatusPublisher publisher, JobCodec codec,
                                                DispatchProperties properties, WorkerProperties worker,
                                                OutcomePolicy outcomes, TimeLimits timeLimits,
                                                WorkerJobMetrics metrics, ObjectProvider<MeterRegistry> registry) {
        return new DispatchLoopLifecycle(clients, model, publisher, codec, properties, worker, outcomes,
                timeLimits, metrics, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
