package dev.jobmesh.gateway.submit;

import java.time.Duration;

import dev.jobmesh.core.job.Job;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway accepts jobs. Invalid values stop the gateway at start-up.
 *
 * @param maxBatchJobs       Most jobs in one POST /api/jobs/batch, and most ids in one POST /api/jobs/statuses.
 * @param maxBodySize        Largest request body; larger ones get 413.
 * @param kafkaTimeout       How long Kafka may take to take a submission before the client gets 503.
 * @param maxGroupRecords    Most records written in one Kafka transaction when concurrent submissions are grouped.
 * @param writers            Transactions in progress at once, each on its own transactional producer.
 * @param idempotencyWindow  How long an Idempotency-Key returns the jobs it first submitted.
 * @param defaultMaxAttempts Runs a job gets when it does not say (its maxAttempts), 1 to 10.
 */
@ConfigurationProperties("jobmesh.gateway.submit")
public record SubmitProperties(@DefaultValue("10000") int maxBatchJobs, @DefaultValue("4MB") DataSize maxBodySize,
                               @DefaultValue("5s") Duration kafkaTimeout, @DefaultValue("40000") int maxGroupRecords,
                               @DefaultValue("1") int writers,
                               @DefaultValue("24h") Duration idempotencyWindow,
                               @DefaultValue("3") int defaultMaxAttempts) {

    public SubmitProperties {
        Assert.isTrue(maxBatchJobs >= 1, () -> "jobmesh.gateway.submit.max-batch-jobs must be at least 1, was " + maxBatchJobs);
        Assert.isTrue(maxBodySize.toBytes() >= 1024,
                () -> "jobmesh.gateway.submit.max-body-size must be at least 1KB, was " + maxBodySize);
        Assert.isTrue(kafkaTimeout.isPositive(),
                () -> "jobmesh.gateway.submit.kafka-timeout must be positive, was " + kafkaTimeout);
        // Two records per job (the job and its QUEUED status): a whole batch must fit one transaction.
        Assert.isTrue(maxGroupRecords >= 2 * maxBatchJobs, () -> "jobmesh.gateway.submit.max-group-records must be at "
                + "least twice jobmesh.gateway.submit.max-batch-jobs (" + 2 * maxBatchJobs + "), was " + maxGroupRecords);
        Assert.isTrue(writers >= 1 && writers <= 16,
                () -> "jobmesh.gateway.submit.writers must be between 1 and 16, was " + writers);
        Assert.isTrue(idempotencyWindow.isPositive(),
                () -> "jobmesh.gateway.submit.idempotency-window must be positive, was " + idempotencyWindow);
        Assert.isTrue(defaultMaxAttempts >= 1 && defaultMaxAttempts <= Job.MAX_ATTEMPTS, () ->
                "jobmesh.gateway.submit.default-max-attempts must be between 1 and " + Job.MAX_ATTEMPTS + ", was "
                        + defaultMaxAttempts);
    }
}
