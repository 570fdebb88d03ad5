package dev.jobmesh.core.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Meters every jobmesh service has. */
@AutoConfiguration
public class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ResidentMemoryMetrics residentMemoryMetrics() {
        return ResidentMemoryMetrics.ofThisProcess();
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessTreeCpuMetrics processTreeCpuMetrics() {
        return new ProcessTreeCpuMetrics();
    }
}
