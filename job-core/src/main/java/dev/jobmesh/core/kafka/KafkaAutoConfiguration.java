package dev.jobmesh.core.kafka;

import java.time.Duration;

import dev.jobmesh.core.job.JobCodec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Kafka clients and topic creation for every jobmesh service. */
@AutoConfiguration
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaClientFactory kafkaClientFactory(KafkaSettings settings) {
        return new KafkaClientFactory(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    JobCodec jobCodec() {
        return new JobCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    TopicProvisioner topicProvisioner(KafkaClientFactory clients) {
        TopicProvisioner provisioner = new TopicProvisioner(clients, Duration.ofSeconds(30));
        provisioner.ensureTopics();
        return provisioner;
    }
}
