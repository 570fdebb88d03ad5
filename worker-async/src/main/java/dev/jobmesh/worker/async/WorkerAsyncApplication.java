package dev.jobmesh.worker.async;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The event-loop worker: jobs on a few non-blocking loop threads.
 * Not built yet - it starts, but provides no concurrency model, so it consumes nothing.
 */
@SpringBootApplication
public class WorkerAsyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerAsyncApplication.class, args);
    }
}
