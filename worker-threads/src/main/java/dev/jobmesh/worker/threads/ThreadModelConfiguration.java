package dev.jobmesh.worker.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.WorkerProperties;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.workload.BlockingJobRunner;
import dev.jobmesh.core.workload.WorkloadCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the executor for the configured model; the dispatch loop from job-core does the rest. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ThreadModelProperties.class, WorkerProperties.class})
class ThreadModelConfiguration {

    @Bean(destroyMethod = "close")
    ConcurrencyModel threadModel(WorkerProperties worker, ThreadModelProperties properties, WorkloadCatalog catalog,
                                 MeterRegistry registry) {
        ExecutorService executor = switch (worker.model()) {
            // Pool size, active and queued threads as executor.* meters, name jobmesh.threads.pool.
            case THREADS -> ExecutorServiceMetrics.monitor(registry, Executors.newFixedThreadPool(properties.poolSize(),
                    Thread.ofPlatform().name("job-", 0).factory()), "jobmesh.threads.pool");
            case VIRTUAL -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());
            default -> throw new IllegalStateException(
                    "worker-threads serves models threads and virtual, not " + worker.model());
        };
        String variant = worker.model() == Model.THREADS ? "pool-" + properties.poolSize() : "virtual";
        return new ExecutorModel(executor, new BlockingJobRunner(catalog), variant);
    }

    /** Virtual threads pinned to their carrier (jvm.threads.virtual.pinned), from the JDK's flight recorder. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "jobmesh.worker.model", havingValue = "virtual")
    VirtualThreadMetrics virtualThreadMetrics() {
        return new VirtualThreadMetrics();
    }
}
