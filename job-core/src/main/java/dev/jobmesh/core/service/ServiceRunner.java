package dev.jobmesh.core.service;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Starts a jobmesh service. Its settings file is named for the service ({@code gateway.yml},
 * {@code worker-threads.yml}, ...) rather than {@code application.yml}, so services sharing one classpath -
 * as in tests - each read their own. SIGTERM is a clean stop: the context closes gracefully (workers drain
 * their in-flight jobs, the gateway stops accepting first) and the process exits 0, not the JVM's 143.
 */
public final class ServiceRunner {

    private ServiceRunner() {
    }

    /** Runs a service that reads the usual {@code application.yml}. */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        return run(application, "application", args);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String configName, String[] args) {
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(Map.of("spring.config.name", configName));
        ConfigurableApplicationContext context = app.run(args);
        Signal.handle(new Signal("TERM"), signal -> System.exit(SpringApplication.exit(context)));
        return context;
    }
}
