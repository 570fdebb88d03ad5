package dev.jobmesh.gateway.system;

import java.util.HashMap;
import java.util.Map;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.worker.async.WorkerAsyncApplication;
import dev.jobmesh.worker.threads.WorkerThreadsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real jobmesh services in this JVM, each its own Spring Boot application on an ephemeral port. */
public final class Services {

    private Services() {
    }

    /** Settings every service of one test system shares. */
    public static Map<String, Object> common(String bootstrapServers, String targetUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jobmesh.kafka.bootstrap-servers", bootstrapServers);
        properties.put("jobmesh.workloads.http.default-url", targetUrl);
        String hostPort = targetUrl.replaceFirst("^http://", "").replaceFirst("/.*$", "");
        // 127.0.0.1:9 is allowlisted but closed, so tests can make an http job fail for real.
        properties.put("jobmesh.workloads.http.allowed-hosts", hostPort + ",127.0.0.1:9");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }

    public static ConfigurableApplicationContext gateway(Map<String, Object> common, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put("management.server.port", "0");
        properties.put("spring.config.name", "gateway");
        properties.putAll(extra);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args(properties));
    }

    public static ConfigurableApplicationContext threadsWorker(Map<String, Object> common, Model model) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put("jobmesh.worker.model", model.id());
        properties.put("spring.application.name", "worker-" + model.id());
        properties.put("spring.config.name", "worker-threads");
        return new SpringApplicationBuilder(WorkerThreadsApplication.class).run(args(properties));
    }

    public static ConfigurableApplicationContext asyncWorker(Map<String, Object> common) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put("spring.config.name", "worker-async");
        return new SpringApplicationBuilder(WorkerAsyncApplication.class).run(args(properties));
    }

    /** As command-line arguments, so they win over each service's application.yml as an operator's would. */
    private static String[] args(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The base URL of a started service's management endpoints (its own port when it has one). */
    public static String managementUrl(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.management.port");
        return "http://127.0.0.1:" + (port != null ? port : context.getEnvironment().getProperty("local.server.port"));
    }

    /** The base URL of a started service's HTTP port. */
    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
