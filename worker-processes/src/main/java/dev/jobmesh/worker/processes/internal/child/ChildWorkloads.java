package dev.jobmesh.worker.processes.internal.child;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import dev.jobmesh.core.workload.CpuWorkload;
import dev.jobmesh.core.workload.HttpAllowlist;
import dev.jobmesh.core.workload.HttpWorkload;
import dev.jobmesh.core.workload.NoopWorkload;
import dev.jobmesh.core.workload.SleepWorkload;
import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;

/** The four workloads of a child, built without Spring from the settings its supervisor sent. */
final class ChildWorkloads {

    private ChildWorkloads() {
    }

    /** The catalog, with an HTTP client of the child's own (a client cannot cross a process boundary). */
    static WorkloadCatalog catalog(Handshake handshake) {
        // The same client settings as job-core's WorkloadAutoConfiguration, so http jobs behave alike in every model.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new WorkloadCatalog(List.of(
                new NoopWorkload(),
                new SleepWorkload(),
                new HttpWorkload(client, new HttpAllowlist(handshake.httpAllowedHosts()), handshake.httpDefaultUrl(),
                        handshake.httpRequestTimeout()),
                new CpuWorkload()));
    }
}
