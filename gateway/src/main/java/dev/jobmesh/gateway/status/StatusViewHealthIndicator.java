package dev.jobmesh.gateway.status;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The gateway is ready only once its job view has read what {@code jobs.status} held when it started: before that
 * it would answer 404 or a stale status for jobs finished earlier, and long polls would wait on a view still
 * replaying history (a minute and more for a few million records).
 */
public final class StatusViewHealthIndicator extends AbstractHealthIndicator {

    private final StatusView view;

    public StatusViewHealthIndicator(StatusView view) {
        this.view = view;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (view.isRebuilt()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "rebuilding the job view from jobs.status");
        }
    }
}
