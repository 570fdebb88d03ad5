package dev.jobmesh.worker.async;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the event-loop model; how many jobs run at once is {@code jobmesh.dispatch.max-in-flight}.
 *
 * @param loopThreads       event-loop threads; 1 is like one asyncio loop
 * @param cpu               where {@code cpu} jobs run
 * @param http              the {@code http} workload's connection pool
 * @param lagSampleInterval how often each loop's lag is measured
 */
@ConfigurationProperties("jobmesh.async")
public record AsyncModelProperties(Integer loopThreads, Cpu cpu, Http http, Duration lagSampleInterval) {

    public AsyncModelProperties {
        loopThreads = loopThreads == null ? 1 : loopThreads;
        if (loopThreads < 1) {
            throw new IllegalArgumentException("jobmesh.async.loop-threads must be at least 1");
        }
        cpu = cpu == null ? new Cpu(null, null) : cpu;
        http = http == null ? new Http(null, null) : http;
        lagSampleInterval = lagSampleInterval == null ? Duration.ofMillis(100) : lagSampleInterval;
    }

    /**
     * @param runOn       {@code pool} (default) or {@code loop}
     * @param poolThreads threads of the CPU pool; defaults to the cores
     */
    public record Cpu(CpuPlacement runOn, Integer poolThreads) {

        public Cpu {
            runOn = runOn == null ? CpuPlacement.POOL : runOn;
            poolThreads = poolThreads == null ? Runtime.getRuntime().availableProcessors() : poolThreads;
            if (poolThreads < 1) {
                throw new IllegalArgumentException("jobmesh.async.cpu.pool-threads must be at least 1");
            }
        }
    }

    /**
     * @param maxConnections keep-alive connections per target host; requests beyond them wait for a free one
     * @param maxIdleTime    how long an unused connection is kept open
     */
    public record Http(Integer maxConnections, Duration maxIdleTime) {

        public Http {
            maxConnections = maxConnections == null ? 256 : maxConnections;
            if (maxConnections < 1) {
                throw new IllegalArgumentException("jobmesh.async.http.max-connections must be at least 1");
            }
            maxIdleTime = maxIdleTime == null ? Duration.ofSeconds(30) : maxIdleTime;
        }
    }
}
