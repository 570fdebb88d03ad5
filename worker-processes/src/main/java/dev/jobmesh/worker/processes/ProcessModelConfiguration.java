package dev.jobmesh.worker.processes;

import dev.jobmesh.core.dispatch.ConcurrencyModel;
import dev.jobmesh.core.dispatch.WorkerProperties;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.metrics.ResidentMemoryMetrics;
import dev.jobmesh.core.workload.WorkloadProperties;
import dev.jobmesh.worker.processes.internal.launch.ChildJvm;
import dev.jobmesh.worker.processes.internal.launch.ChildLauncher;
import dev.jobmesh.worker.processes.internal.launch.StartupArchive;
import dev.jobmesh.worker.processes.internal.launch.TrainedArchive;
import dev.jobmesh.worker.processes.internal.launch.WorkDirectory;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;
import dev.jobmesh.worker.processes.internal.supervisor.ChildPoolHealthIndicator;
import dev.jobmesh.worker.processes.internal.supervisor.ChildPoolMetrics;
import dev.jobmesh.worker.processes.internal.supervisor.ChildProcessPool;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The child process pool behind the process model; the dispatch loop from job-core does the rest. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProcessPoolProperties.class, WorkerProperties.class, WorkloadProperties.class})
class ProcessModelConfiguration {

    @Bean
    ChildLauncher childLauncher(ProcessPoolProperties properties) {
        return ChildLauncher.forClasspath(System.getProperty("java.class.path"), properties.workDirectory());
    }

    @Bean
    StartupArchive startupArchive(ProcessPoolProperties properties) {
        int jdk = Runtime.version().feature();
        return switch (properties.startupArchive()) {
            case NONE -> StartupArchive.NONE;
            case AOT_CACHE -> new TrainedArchive(TrainedArchive.Format.AOT_CACHE, properties.workDirectory());
            case CDS -> new TrainedArchive(TrainedArchive.Format.DYNAMIC_CDS, properties.workDirectory());
            case AUTO -> jdk >= 25 ? new TrainedArchive(TrainedArchive.Format.AOT_CACHE, properties.workDirectory())
                    : jdk >= 19 ? new TrainedArchive(TrainedArchive.Format.DYNAMIC_CDS, properties.workDirectory())
                    : StartupArchive.NONE;
        };
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ChildProcessPool childProcessPool(ProcessPoolProperties properties, ChildLauncher launcher, StartupArchive archive,
                                      WorkloadProperties workloads) {
        WorkloadProperties.Http http = workloads.http();
        Handshake handshake = new Handshake(Handshake.PROTOCOL_VERSION, http.defaultUrl(), http.allowedHosts(),
                http.requestTimeout(), http.maxIdleTime(), properties.heartbeatInterval());
        ChildJvm jvm = new ChildJvm(properties.java(), properties.jvmOptions(), launcher, archive);
        return new ChildProcessPool(properties, jvm, handshake);
    }

    @Bean
    ConcurrencyModel processPoolModel(WorkerProperties worker, ChildProcessPool pool) {
        if (worker.model() != Model.PROCESSES) {
            throw new IllegalStateException("worker-processes serves model processes, not " + worker.model());
        }
        return new ProcessPoolModel(pool);
    }

    @Bean
    ChildPoolHealthIndicator childPoolHealthIndicator(ChildProcessPool pool) {
        return new ChildPoolHealthIndicator(pool.stats());
    }

    /** The service's resident memory counts the supervisor and every child, as the model really costs. */
    @Bean
    ResidentMemoryMetrics residentMemoryMetrics() {
        return new ResidentMemoryMetrics(() -> {
            long total = ResidentMemoryMetrics.residentBytes(ProcessHandle.current().pid());
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                total += Math.max(0, ResidentMemoryMetrics.residentBytes(child.pid()));
            }
            return total;
        });
    }

    @Bean
    WorkDirectoryPruner workDirectoryPruner(ProcessPoolProperties properties) {
        return new WorkDirectoryPruner(new WorkDirectory(properties.workDirectory()));
    }

    @Bean
    ChildPoolMetrics childPoolMetrics(ChildProcessPool pool) {
        return new ChildPoolMetrics(pool.stats());
    }
}
