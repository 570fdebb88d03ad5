package dev.jobmesh.core.dispatch;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * A worker is ready only while it really consumes: its loop runs, it has partitions, and {@code poll()} returned
 * recently (paused or not). A worker whose loop died or hangs after a broker reconnect turns not-ready instead of
 * silently doing nothing.
 */
public final class DispatchHealthIndicator extends AbstractHealthIndicator {

    private final DispatchLoopLifecycle lifecycle;
    private final Duration maxPollGap;

    public DispatchHealthIndicator(DispatchLoopLifecycle lifecycle, Duration maxPollGap) {
        this.lifecycle = lifecycle;
        this.maxPollGap = maxPollGap;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        DispatchLoop loop = lifecycle.loop();
        if (loop == null || !loop.isRunning()) {
            builder.down().withDetail("reason", "dispatch loop not running");
            return;
        }
        Duration sincePoll = Duration.ofNanos(System.nanoTime() - loop.lastPollNanos());
        builder.withDetail("sinceLastPollMs", sincePoll.toMillis()).withDetail("assigned", loop.hasAssignment());
        if (sincePoll.compareTo(maxPollGap) > 0) {
            builder.down().withDetail("reason", "no poll for " + sincePoll.toMillis() + " ms");
        } else if (!loop.hasAssignment()) {
            builder.down().withDetail("reason", "no partitions assigned");
        } else {
            builder.up();
        }
    }
}
