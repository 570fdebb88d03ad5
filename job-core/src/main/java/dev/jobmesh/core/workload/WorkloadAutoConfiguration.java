package dev.jobmesh.core.workload;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The four workloads and the HTTP client they share. */
@AutoConfiguration
@EnableConfigurationProperties(WorkloadProperties.class)
public class WorkloadAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CloseableHttpClient workloadHttpClient(WorkloadProperties properties) {
        return WorkloadCatalog.httpClient(properties.http());
    }

    @Bean
    @ConditionalOnMissingBean
    WorkloadCatalog workloadCatalog(CloseableHttpClient workloadHttpClient, WorkloadProperties properties) {
        return WorkloadCatalog.standard(workloadHttpClient, properties.http());
    }
}
