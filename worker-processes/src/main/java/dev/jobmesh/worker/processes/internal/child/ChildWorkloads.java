package dev.jobmesh.worker.processes.internal.child;

import dev.jobmesh.core.workload.WorkloadCatalog;
import dev.jobmesh.core.workload.WorkloadProperties;
import dev.jobmesh.worker.processes.internal.protocol.Handshake;

/** The four workloads of a child, built without Spring from the settings its supervisor sent. */
final class ChildWorkloads {

    private ChildWorkloads() {
    }

    /**
     * The catalog, with an HTTP client of the child's own (a client cannot cross a process boundary): one connection,
     * as a child runs one job at a time.
     */
    static WorkloadCatalog catalog(Handshake handshake) {
        WorkloadProperties.Http http = new WorkloadProperties.Http(handshake.httpDefaultUrl(),
                handshake.httpAllowedHosts(), handshake.httpRequestTimeout(), 1, handshake.httpMaxIdleTime());
        return WorkloadCatalog.standard(WorkloadCatalog.httpClient(http), http);
    }
}
