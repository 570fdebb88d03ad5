package dev.jobmesh.worker.async;

import dev.jobmesh.core.service.ServiceRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The event-loop worker: {@code jobs.async} on a few non-blocking loop threads, CPU work offloaded to a pool. */
@SpringBootApplication
public class WorkerAsyncApplication {

    public static void main(String[] args) {
        ServiceRunner.run(WorkerAsyncApplication.class, "worker-async", args);
    }
}
