package dev.jobmesh.gateway.status;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The gateway's job view. Invalid values stop the gateway at start-up.
 *
 * @param directory      Where the view's RocksDB files live. Unset: a fresh temporary directory rebuilt from
 *                       jobs.status at every start; set: the view resumes where it stopped.
 * @param maxWait        Cap on the waitMs of GET /api/jobs/{id} and POST /api/jobs/statuses.
 * @param catchUpTimeout How long a lookup of an unknown id waits for the view to reach the topic's end.
 * @param sweepInterval  How often finished jobs past jobmesh.kafka.status-retention get tombstones.
 * @param readers        Threads reading the view's partitions, each with its own consumer: a gateway joining with an
 *                       empty view replays all of jobs.status, which one thread does at the speed of one core.
 */
@ConfigurationProperties("jobmesh.gateway.view")
public record StatusViewProperties(Path directory, @DefaultValue("60s") Duration maxWait,
                                   @DefaultValue("5s") Duration catchUpTimeout,
                                   @DefaultValue("1m") Duration sweepInterval,
                                   @DefaultValue("2") int readers) {

    public StatusViewProperties {
        Assert.isTrue(!maxWait.isNegative(), () -> "jobmesh.gateway.view.max-wait must not be negative, was " + maxWait);
        Assert.isTrue(catchUpTimeout.isPositive(),
                () -> "jobmesh.gateway.view.catch-up-timeout must be positive, was " + catchUpTimeout);
        Assert.isTrue(sweepInterval.isPositive(),
                () -> "jobmesh.gateway.view.sweep-interval must be positive, was " + sweepInterval);
        Assert.isTrue(readers >= 1, () -> "jobmesh.gateway.view.readers must be at least 1, was " + readers);
    }
}
