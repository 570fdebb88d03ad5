package dev.jobmesh.gateway.routing;

import java.time.Clock;
import java.util.List;

import dev.jobmesh.core.kafka.KafkaClientFactory;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.gateway.GatewayIdentity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Model {@code auto}: the figures it decides on and the router. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class RoutingConfiguration {

    @Bean
    ModelStatistics modelStatistics(WorkloadCatalog catalog, RoutingProperties properties) {
        return new ModelStatistics(List.copyOf(catalog.types()), properties.window(), Clock.systemUTC());
    }

    @Bean
    ConsumerGroupProbe consumerGroupProbe(KafkaClientFactory clients, GatewayIdentity identity,
                                          RoutingProperties properties) {
        return new ConsumerGroupProbe(clients, identity.id() + "-routing-admin", properties, Clock.systemUTC());
    }

    @Bean
    RoutingMetrics routingMetrics(WorkloadCatalog catalog, ConsumerGroupProbe probe) {
        return new RoutingMetrics(List.copyOf(catalog.types()), probe);
    }

    @Bean
    AutoRouter autoRouter(ModelStatistics statistics, ConsumerGroupProbe probe, RoutingProperties properties,
                          RoutingMetrics metrics) {
        return new AutoRouter(statistics, probe::latest, properties, metrics);
    }
}
