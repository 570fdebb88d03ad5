package dev.jobmesh.worker.threads;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the thread model.
 *
 * @param poolSize platform threads in the pool for model {@code threads}; model {@code virtual} starts a
 *                 virtual thread per job instead, bounded by {@code jobmesh.dispatch.max-in-flight}
 */
@ConfigurationProperties("jobmesh.threads")
public record ThreadModelProperties(Integer poolSize) {

    public ThreadModelProperties {
        poolSize = poolSize == null ? 64 : poolSize;
    }
}
