package dev.jobmesh.gateway.submit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway accepts jobs.
 *
 * @param maxBatchJobs    most jobs in one {@code POST /api/jobs/batch}
 * @param maxBodySize     largest request body; larger ones get 413
 * @param kafkaTimeout    how long Kafka may take to take a submission before the client gets 503
 * @param maxGroupRecords most records written in one Kafka transaction when concurrent submissions are grouped
 * @param idempotencyWindow how long an {@code Idempotency-Key} returns the jobs it first submitted
 */
@ConfigurationProperties("jobmesh.gateway.submit")
public record SubmitProperties(Integer maxBatchJobs, DataSize maxBodySize, Duration kafkaTimeout,
                               Integer maxGroupRecords, Duration idempotencyWindow) {

    public SubmitProperties {
        maxBatchJobs = maxBatchJobs == null ? 10_000 : maxBatchJobs;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(4) : maxBodySize;
        kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(5) : kafkaTimeout;
        maxGroupRecords = maxGroupRecords == null ? 40_000 : maxGroupRecords;
        idempotencyWindow = idempotencyWindow == null ? Duration.ofHours(24) : idempotencyWindow;
    }
}
