package dev.jobmesh.core.workload;

import java.net.http.HttpClient;

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
    HttpClient workloadHttpClient() {
        return WorkloadCatalog.httpClient();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkloadCatalog workloadCatalog(HttpClient workloadHttpClient, WorkloadProperties properties) {
        return WorkloadCatalog.standard(workloadHttpClient, properties.http());
    }
}
