package dev.jobmesh.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.jobmesh.core.Ports;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.kafka.TopicProvisioner;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.gateway.routing.AutoRouter;
import dev.jobmesh.gateway.routing.ModelStatistics;
import dev.jobmesh.gateway.status.EndToEndLatency;
import dev.jobmesh.gateway.status.StatusRetention;
import dev.jobmesh.gateway.status.StatusView;
import dev.jobmesh.gateway.status.StatusViewHealthIndicator;
import dev.jobmesh.gateway.status.StatusViewMetrics;
import dev.jobmesh.gateway.status.StatusViewProperties;
import dev.jobmesh.gateway.submit.AcceptanceGate;
import dev.jobmesh.gateway.submit.IdempotentSubmitter;
import dev.jobmesh.gateway.submit.JobFactory;
import dev.jobmesh.gateway.submit.JobIds;
import dev.jobmesh.gateway.submit.JobSubmitter;
import dev.jobmesh.gateway.submit.SubmitProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's parts: job intake into Kafka and the status view read back from it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayProperties.class, SubmitProperties.class, StatusViewProperties.class})
class GatewayConfiguration {

    @Bean
    GatewayIdentity gatewayIdentity(GatewayProperties properties, @Value("${server.port:" + Ports.GATEWAY + "}") int port) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return new GatewayIdentity(properties.instanceId());
        }
        // Port 0 (tests) is not known yet and not stable anyway: a random suffix keeps instances apart.
        String suffix = port == 0 ? UUID.randomUUID().toString().substring(0, 8) : String.valueOf(port);
        return new GatewayIdentity("gateway-" + host() + "-" + suffix);
    }

    @Bean
    JobFactory jobFactory(WorkloadCatalog catalog, GatewayIdentity identity, SubmitProperties properties,
                          AutoRouter router) {
        return new JobFactory(catalog, Clock.systemUTC(), identity.id(), properties.defaultMaxAttempts(), new JobIds(),
                router::route);
    }

    @Bean
    JobSubmitter jobSubmitter(KafkaClientFactory clients, TopicProvisioner topics, JobCodec codec,
                              SubmitProperties properties, GatewayIdentity identity, MeterRegistry registry) {
        return new JobSubmitter(clients, codec, properties, "jobmesh-" + identity.id(), registry);
    }

    @Bean
    AcceptanceGate acceptanceGate(JobSubmitter submitter) {
        return new AcceptanceGate(submitter);
    }

    @Bean
    IdempotentSubmitter idempotentSubmitter(JobSubmitter submitter, StatusView view, SubmitProperties properties) {
        return new IdempotentSubmitter(submitter, view, properties.idempotencyWindow(), Clock.systemUTC());
    }

    @Bean
    StatusView statusView(KafkaClientFactory clients, TopicProvisioner topics, JobCodec codec,
                          StatusViewProperties properties, GatewayIdentity identity, MeterRegistry registry,
                          EndToEndLatency latency, ModelStatistics statistics) {
        return new StatusView(clients, codec, properties, identity.id(), registry, latency, statistics);
    }

    @Bean
    StatusViewMetrics statusViewMetrics(StatusView view) {
        return new StatusViewMetrics(view);
    }

    @Bean
    StatusViewHealthIndicator statusViewHealthIndicator(StatusView view) {
        return new StatusViewHealthIndicator(view);
    }

    @Bean
    EndToEndLatency endToEndLatency(GatewayIdentity identity, WorkloadCatalog catalog) {
        return new EndToEndLatency(identity.id(), List.copyOf(catalog.types()), Instant.now());
    }

    @Bean
    StatusRetention statusRetention(StatusView view, KafkaClientFactory clients, StatusViewProperties properties,
                                    GatewayIdentity identity) {
        return new StatusRetention(view, clients.producer(identity.id() + "-retention", Map.of()),
                clients.settings().statusRetention(), properties.sweepInterval(), Clock.systemUTC());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
