package dev.jobmesh.worker.processes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The process-model worker: a supervisor that will run each job in a child OS process.
 * Not built yet - it starts, but provides no concurrency model, so it consumes nothing.
 */
@SpringBootApplication
public class WorkerProcessesApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerProcessesApplication.class, args);
    }
}
