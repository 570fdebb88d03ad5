package dev.jobmesh.worker.processes;

import java.nio.file.Path;

import dev.jobmesh.testsupport.ServiceExtension;
import dev.jobmesh.testsupport.TestService;
import dev.jobmesh.worker.processes.internal.supervisor.ChildProcessPool;

/** worker-processes as its tests start it, in this JVM: children launch from the test classpath. */
final class ProcessWorkers {

    private ProcessWorkers() {
    }

    /** Broker, target and round trip for the class; the tests start the service: two children, quick heartbeats. */
    static ServiceExtension extension() {
        return ServiceExtension.of(WorkerProcessesApplication.class, "worker-processes")
                .with("jobmesh.processes.children", "2")
                .with("jobmesh.processes.heartbeat-interval", "200ms")
                .with("jobmesh.processes.heartbeat-timeout", "1500ms")
                .with("jobmesh.dispatch.drain-timeout", "20s")
                // Extracted jars and start-up archives of test runs go with the build, not into the user's cache.
                .with("jobmesh.processes.work-directory", Path.of("target", "jobmesh-work").toAbsolutePath().toString())
                .withoutStarting();
    }

    static ChildProcessPool pool(TestService worker) {
        return worker.bean(ChildProcessPool.class);
    }
}
