package dev.jobmesh.core.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How a worker's dispatch loop polls, bounds and commits. Invalid values stop the service at start-up.
 *
 * @param maxInFlight    Jobs handed to the model and not yet finished; at this many the loop pauses its partitions.
 * @param pollTimeout    Longest wait in one poll while nothing arrives.
 * @param commitInterval How often finished prefixes are committed.
 * @param drainTimeout   On shutdown, how long running jobs may take to finish before the loop exits anyway.
 * @param stopGrace      How long a run asked to stop (cancelled, or past its time limit) may take to end before
 *                       the loop reports it stopped regardless.
 * @param sessionTimeout How soon Kafka gives a silent (crashed) worker's partitions to the others.
 * @param runningStatusDelay How long a run goes before its RUNNING status is written; a run that ends sooner goes
 *                       from QUEUED straight to its outcome. 0: at once.
 */
@ConfigurationProperties("jobmesh.dispatch")
public record DispatchProperties(@DefaultValue("1000") int maxInFlight, @DefaultValue("50ms") Duration pollTimeout,
                                 @DefaultValue("200ms") Duration commitInterval,
                                 @DefaultValue("25s") Duration drainTimeout, @DefaultValue("5s") Duration stopGrace,
                                 @DefaultValue("10s") Duration sessionTimeout,
                                 @DefaultValue("5ms") Duration runningStatusDelay) {

    public DispatchProperties {
        Assert.isTrue(maxInFlight >= 1, () -> "jobmesh.dispatch.max-in-flight must be at least 1, was " + maxInFlight);
        Assert.isTrue(pollTimeout.isPositive(), () -> "jobmesh.dispatch.poll-timeout must be positive, was " + pollTimeout);
        Assert.isTrue(commitInterval.isPositive(),
                () -> "jobmesh.dispatch.commit-interval must be positive, was " + commitInterval);
        Assert.isTrue(!drainTimeout.isNegative(), () -> "jobmesh.dispatch.drain-timeout must not be negative, was " + drainTimeout);
        Assert.isTrue(!stopGrace.isNegative(), () -> "jobmesh.dispatch.stop-grace must not be negative, was " + stopGrace);
        Assert.isTrue(sessionTimeout.toMillis() >= 1000,
                () -> "jobmesh.dispatch.session-timeout must be at least 1s, was " + sessionTimeout);
        Assert.isTrue(!runningStatusDelay.isNegative(),
                () -> "jobmesh.dispatch.running-status-delay must not be negative, was " + runningStatusDelay);
    }
}
