package dev.jobmesh.gateway.status;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's job view.
 *
 * @param directory      where the view's RocksDB files live; unset means a fresh temporary directory
 *                       rebuilt from {@code jobs.status} at every start, set means resume where it stopped
 * @param maxWait        cap on {@code GET /api/jobs/{id}?waitMs=}
 * @param catchUpTimeout how long a lookup of an unknown id waits for the view to reach the topic's end
 * @param sweepInterval  how often finished jobs past {@code jobmesh.kafka.status-retention} get tombstones
 */
@ConfigurationProperties("jobmesh.gateway.view")
public record StatusViewProperties(Path directory, Duration maxWait, Duration catchUpTimeout, Duration sweepInterval) {

    public StatusViewProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(60) : maxWait;
        catchUpTimeout = catchUpTimeout == null ? Duration.ofSeconds(5) : catchUpTimeout;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
    }
}
