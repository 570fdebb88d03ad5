package dev.jobmesh.worker.threads;

import dev.jobmesh.core.service.ServiceRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The thread-model worker: {@code jobs.threads} on platform threads, or {@code jobs.virtual} on virtual threads. */
@SpringBootApplication
public class WorkerThreadsApplication {

    public static void main(String[] args) {
        ServiceRunner.run(WorkerThreadsApplication.class, "worker-threads", args);
    }
}
