package dev.jobmesh.worker.processes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jobmesh.worker.processes.internal.ChildProcessPool;
import dev.jobmesh.loadgen.target.HttpTarget;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker-processes service started in this JVM: children launch from the test classpath. */
final class ProcessWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ProcessWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Settings for a test worker: two children, quick heartbeats, the in-process target allowlisted. */
    static Map<String, String> settings(String bootstrapServers, HttpTarget target) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jobmesh.kafka.bootstrap-servers", bootstrapServers);
        settings.put("jobmesh.workloads.http.default-url", target.url());
        // 127.0.0.1:9 is allowlisted but closed, so an http job can fail for real.
        settings.put("jobmesh.workloads.http.allowed-hosts", "127.0.0.1:" + target.port() + ",127.0.0.1:9");
        settings.put("jobmesh.processes.children", "2");
        settings.put("jobmesh.processes.heartbeat-interval", "200ms");
        settings.put("jobmesh.processes.heartbeat-timeout", "1500ms");
        settings.put("jobmesh.dispatch.drain-timeout", "20s");
        // Extracted jars and start-up archives of test runs go with the build, not into the user's cache.
        settings.put("jobmesh.processes.work-directory", Path.of("target", "jobmesh-work").toAbsolutePath().toString());
        settings.put("spring.config.name", "worker-processes");
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        return settings;
    }

    /** Starts the service with the settings as command-line arguments, which win over application.yml. */
    static ProcessWorker start(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ProcessWorker(new SpringApplicationBuilder(WorkerProcessesApplication.class)
                .run(args.toArray(String[]::new)));
    }

    ChildProcessPool pool() {
        return context.getBean(ChildProcessPool.class);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
