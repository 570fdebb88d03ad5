package dev.jobmesh.worker.processes.internal.supervisor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN while no child is ready because children fail to start; the log says why at every attempt. */
public final class ChildPoolHealthIndicator implements HealthIndicator {

    private final PoolStats stats;

    public ChildPoolHealthIndicator(PoolStats stats) {
        this.stats = stats;
    }

    @Override
    public Health health() {
        PoolStats.Health health = stats.health();
        Health.Builder builder = health.up() ? Health.up() : Health.down();
        builder.withDetail("children", health.children())
                .withDetail("ready", health.ready())
                .withDetail("busy", health.busy())
                .withDetail("waitingJobs", health.waiting());
        if (health.startFailuresInARow() > 0) {
            builder.withDetail("failedStartsInARow", health.startFailuresInARow())
                    .withDetail("lastStartFailure", health.lastStartFailure());
        }
        return builder.build();
    }
}
