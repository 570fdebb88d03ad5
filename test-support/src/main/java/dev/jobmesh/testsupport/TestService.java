package dev.jobmesh.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A jobmesh service started in this JVM as a real Spring Boot application, on ephemeral ports. */
public final class TestService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the application with its own configuration file ({@code configName}.yml) and the settings as
     * command-line arguments, which win over that file as an operator's would.
     */
    public static TestService start(Class<?> application, String configName, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.config.name", configName);
        all.putAll(settings);
        return new TestService(new SpringApplicationBuilder(application)
                .run(ServiceProcess.arguments(all).toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The base URL of its HTTP port. */
    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The base URL of its management endpoints: their own port when it has one. */
    public String managementUrl() {
        String port = context.getEnvironment().getProperty("local.management.port");
        return port == null ? baseUrl() : "http://127.0.0.1:" + port;
    }

    /** A client of its REST API. */
    public ApiClient api() {
        return new ApiClient(baseUrl());
    }

    @Override
    public void close() {
        context.close();
    }
}
