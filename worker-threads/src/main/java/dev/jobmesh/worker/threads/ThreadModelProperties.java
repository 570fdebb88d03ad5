package dev.jobmesh.worker.threads;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the thread model.
 *
 * @param poolSize Platform threads in the pool for model threads; model virtual starts a virtual thread per job
 *                 instead, bounded by jobmesh.dispatch.max-in-flight.
 */
@ConfigurationProperties("jobmesh.threads")
public record ThreadModelProperties(@DefaultValue("64") int poolSize) {

    public ThreadModelProperties {
        Assert.isTrue(poolSize >= 1, () -> "jobmesh.threads.pool-size must be at least 1, was " + poolSize);
    }
}
