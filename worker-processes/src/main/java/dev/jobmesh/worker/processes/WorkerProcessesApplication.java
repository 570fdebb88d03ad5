package dev.jobmesh.worker.processes;

import dev.jobmesh.core.service.ServiceRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The process-model worker: {@code jobs.processes}, each job run in a child OS process of a supervised pool. */
@SpringBootApplication
public class WorkerProcessesApplication {

    public static void main(String[] args) {
        ServiceRunner.run(WorkerProcessesApplication.class, "worker-processes", args);
    }
}
