package dev.jobmesh.core.service;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Starts a jobmesh service so that SIGTERM is a clean stop: the context closes gracefully (workers drain their
 * in-flight jobs, the gateway stops accepting first) and the process exits 0, not the JVM's 143.
 */
public final class ServiceRunner {

    private ServiceRunner() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(application, args);
        Signal.handle(new Signal("TERM"), signal -> System.exit(SpringApplication.exit(context)));
        return context;
    }
}
