package dev.jobmesh.worker.async;

import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.WorkerProperties;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.workload.CpuWorkload;
import dev.jobmesh.core.workload.HttpWorkload;
import dev.jobmesh.core.workload.NoopWorkload;
import dev.jobmesh.core.workload.SleepWorkload;
import dev.jobmesh.core.workload.Workload;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.core.workload.WorkloadProperties;
import dev.jobmesh.worker.async.internal.CpuPool;
import dev.jobmesh.worker.async.internal.EventLoopLagMonitor;
import dev.jobmesh.worker.async.internal.EventLoops;
import dev.jobmesh.worker.async.internal.LoopWorkload;
import dev.jobmesh.worker.async.internal.LoopWorkloads;
import dev.jobmesh.worker.async.internal.NonBlockingHttp;
import dev.jobmesh.worker.async.internal.RunOnLoop;
import dev.jobmesh.worker.async.internal.RunOnPool;
import dev.jobmesh.worker.async.internal.RunningJobs;
import dev.jobmesh.worker.async.internal.SleepTimer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Builds the loops, the loop form of each workload and the model; the dispatch loop from job-core does the rest. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AsyncModelProperties.class, WorkerProperties.class, WorkloadProperties.class})
class AsyncModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AsyncModelConfiguration.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Bean(destroyMethod = "close")
    EventLoops eventLoops(WorkerProperties worker, AsyncModelProperties properties) {
        if (worker.model() != Model.ASYNC) {
            throw new IllegalStateException("worker-async serves model async, not " + worker.model());
        }
        return new EventLoops(properties.loopThreads());
    }

    @Bean(destroyMethod = "close")
    CpuPool cpuPool(AsyncModelProperties properties) {
        return new CpuPool(properties.cpu().poolThreads());
    }

    @Bean(destroyMethod = "dispose")
    ConnectionProvider httpConnections(AsyncModelProperties properties, WorkloadProperties workloads) {
        return ConnectionProvider.builder("jobmesh-http")
                .maxConnections(properties.http().maxConnections())
                // Unbounded here because the dispatch loop's window already bounds how many requests can wait.
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(workloads.http().requestTimeout())
                .maxIdleTime(properties.http().maxIdleTime())
                .build();
    }

    @Bean
    LoopWorkloads loopWorkloads(WorkloadCatalog catalog, EventLoops loops, CpuPool cpuPool,
                                ConnectionProvider httpConnections, AsyncModelProperties properties,
                                WorkloadProperties workloads) {
        HttpClient http = HttpClient.create(httpConnections)
                .runOn(loops.group())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .responseTimeout(workloads.http().requestTimeout())
                .compress(false);
        List<LoopWorkload> forms = new ArrayList<>();
        for (String type : catalog.types()) {
            Workload<?> workload = catalog.find(type).orElseThrow();
            forms.add(switch (workload) {
                case SleepWorkload sleep -> new SleepTimer(sleep);
                case HttpWorkload get -> new NonBlockingHttp(get, http);
                case NoopWorkload noop -> new RunOnLoop<>(noop);
                case CpuWorkload cpu -> switch (properties.cpu().runOn()) {
                    case POOL -> new RunOnPool<>(cpu, cpuPool.executor());
                    case LOOP -> new RunOnLoop<>(cpu);
                };
                // A workload this model has no loop form for yet still must not block a loop.
                default -> new RunOnPool<>(workload, cpuPool.executor());
            });
        }
        LoopWorkloads result = new LoopWorkloads(forms);
        log.info("Event-loop model: {} loop thread(s), workloads {}", properties.loopThreads(), result.describe());
        return result;
    }

    @Bean
    RunningJobs runningJobs() {
        return new RunningJobs();
    }

    @Bean(destroyMethod = "close")
    EventLoopLagMonitor eventLoopLagMonitor(EventLoops loops, AsyncModelProperties properties) {
        return new EventLoopLagMonitor(loops, properties.lagSampleInterval());
    }

    @Bean
    ConcurrencyModel asyncModel(EventLoops loops, LoopWorkloads workloads, RunningJobs running,
                                AsyncModelProperties properties) {
        String cpu = switch (properties.cpu().runOn()) {
            case POOL -> "offload";
            case LOOP -> "inline";
        };
        return new EventLoopModel(loops, workloads, running, "loop-" + properties.loopThreads() + "-" + cpu);
    }
}
