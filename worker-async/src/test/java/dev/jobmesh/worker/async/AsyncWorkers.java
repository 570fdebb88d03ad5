package dev.jobmesh.worker.async;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts worker-async in this JVM as a real Spring Boot application on an ephemeral port. */
public final class AsyncWorkers {

    /** Allowlisted but closed, so a test can make an http job fail for real. */
    public static final String CLOSED_URL = "http://127.0.0.1:9/";

    private AsyncWorkers() {
    }

    /** Settings as command-line arguments, so they win over application.yml as an operator's would. */
    public static ConfigurableApplicationContext start(String bootstrapServers, String targetUrl, String... extra) {
        String hostPort = targetUrl.replaceFirst("^http://", "").replaceFirst("/.*$", "");
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=worker-async",
                "--jobmesh.kafka.bootstrap-servers=" + bootstrapServers,
                "--jobmesh.workloads.http.default-url=" + targetUrl,
                "--jobmesh.workloads.http.allowed-hosts=" + hostPort + ",127.0.0.1:9",
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(WorkerAsyncApplication.class).run(args.toArray(String[]::new));
    }

    /** The base URL of a started worker's HTTP port. */
    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
