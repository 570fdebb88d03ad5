package dev.jobmesh.core.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a worker's dispatch loop polls, bounds and commits.
 *
 * @param maxInFlight    jobs handed to the model and not yet finished; at this many the loop pauses its partitions
 * @param pollTimeout    longest wait in one poll while nothing arrives
 * @param commitInterval how often finished prefixes are committed
 * @param drainTimeout   on shutdown, how long running jobs may take to finish before the loop exits anyway
 * @param stopGrace      how long a run asked to stop (cancelled, or past its time limit) may take to end before
 *                       the loop reports it stopped regardless
 * @param sessionTimeout how soon Kafka gives a silent (crashed) worker's partitions to the others
 */
@ConfigurationProperties("jobmesh.dispatch")
public record DispatchProperties(Integer maxInFlight, Duration pollTimeout, Duration commitInterval,
                                 Duration drainTimeout, Duration stopGrace, Duration sessionTimeout) {

    public DispatchProperties {
        maxInFlight = maxInFlight == null ? 1000 : maxInFlight;
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("jobmesh.dispatch.max-in-flight must be at least 1");
        }
        pollTimeout = pollTimeout == null ? Duration.ofMillis(50) : pollTimeout;
        commitInterval = commitInterval == null ? Duration.ofMillis(200) : commitInterval;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(25) : drainTimeout;
        stopGrace = stopGrace == null ? Duration.ofSeconds(5) : stopGrace;
        sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(10) : sessionTimeout;
    }
}
