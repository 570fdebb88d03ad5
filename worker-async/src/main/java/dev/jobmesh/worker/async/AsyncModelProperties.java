package dev.jobmesh.worker.async;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the event-loop model; how many jobs run at once is jobmesh.dispatch.max-in-flight.
 *
 * @param loopThreads       Event-loop threads; 1 is like one asyncio loop.
 * @param cpu               Where cpu jobs run.
 * @param http              The http workload's connection pool.
 * @param lagSampleInterval How often each loop's lag is measured.
 */
@ConfigurationProperties("jobmesh.async")
public record AsyncModelProperties(@DefaultValue("1") int loopThreads, @DefaultValue Cpu cpu, @DefaultValue Http http,
                                   @DefaultValue("100ms") Duration lagSampleInterval) {

    public AsyncModelProperties {
        Assert.isTrue(loopThreads >= 1, () -> "jobmesh.async.loop-threads must be at least 1, was " + loopThreads);
        Assert.isTrue(lagSampleInterval.isPositive(),
                () -> "jobmesh.async.lag-sample-interval must be positive, was " + lagSampleInterval);
    }

    /**
     * Where cpu jobs run.
     *
     * @param runOn       pool (a pool of threads beside the loop) or loop (on the event loop itself, blocking it).
     * @param poolThreads Threads of the CPU pool. Defaults to the number of cores.
     */
    public record Cpu(@DefaultValue("pool") CpuPlacement runOn, Integer poolThreads) {

        public Cpu {
            poolThreads = poolThreads == null ? Runtime.getRuntime().availableProcessors() : poolThreads;
            int threads = poolThreads;
            Assert.isTrue(threads >= 1, () -> "jobmesh.async.cpu.pool-threads must be at least 1, was " + threads);
        }
    }

    /**
     * The http workload's connection pool.
     *
     * @param maxConnections Keep-alive connections per target host; requests beyond them wait for a free one. As many
     *                       as the worker's jobs in flight by default: with 256, requests to a 50 ms target queued
     *                       for a connection and the pool, not the loop, capped the model at 5,120 jobs/s.
     * @param maxIdleTime    How long an unused connection is kept open.
     */
    public record Http(@DefaultValue("1000") int maxConnections, @DefaultValue("30s") Duration maxIdleTime) {

        public Http {
            Assert.isTrue(maxConnections >= 1,
                    () -> "jobmesh.async.http.max-connections must be at least 1, was " + maxConnections);
            Assert.isTrue(maxIdleTime.isPositive(),
                    () -> "jobmesh.async.http.max-idle-time must be positive, was " + maxIdleTime);
        }
    }
}
