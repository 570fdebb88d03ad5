package dev.jobmesh.gateway.limits;

import dev.jobmesh.gateway.status.StatusView;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-key submission limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitProperties.class)
class LimitsConfiguration {

    @Bean
    SubmissionLimiter submissionLimiter(LimitProperties properties, StatusView view, MeterRegistry registry) {
        return new SubmissionLimiter(properties, view::unfinished, registry);
    }
}
