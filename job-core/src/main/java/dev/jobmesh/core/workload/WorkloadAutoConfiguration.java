package dev.jobmesh.core.workload;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

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
        // HTTP/1.1: the target speaks plain HTTP/1.1 with keep-alive; no h2c upgrade round trip per connection.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkloadCatalog workloadCatalog(HttpClient workloadHttpClient, WorkloadProperties properties) {
        WorkloadProperties.Http http = properties.http();
        return new WorkloadCatalog(List.of(
                new NoopWorkload(),
                new SleepWorkload(),
                new HttpWorkload(workloadHttpClient, new HttpAllowlist(http.allowedHosts()), http.defaultUrl(),
                        http.requestTimeout()),
                new CpuWorkload()));
    }
}
