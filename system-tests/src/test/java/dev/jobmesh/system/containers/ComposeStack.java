package dev.jobmesh.system.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.testsupport.TestApiKeys;

/**
 * docker-compose.yml run as a user runs it, plus deploy/compose/host-network.yml: every service on 127.0.0.1, on
 * ports of its own, under a project name of its own, so it meets nothing else on the machine.
 */
final class ComposeStack implements AutoCloseable {

    /** Everything but Grafana, whose image no registry gives here. */
    static final List<String> SERVICES = List.of("kafka", "target", "gateway", "worker-threads", "worker-virtual",
            "worker-processes", "worker-async", "prometheus");
    /** The port variables of deploy/ports.env that the two files read. */
    private static final List<String> PORT_VARIABLES = List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "TARGET_PORT",
            "GATEWAY_PORT", "GATEWAY_MANAGEMENT_PORT", "WORKER_THREADS_PORT", "WORKER_VIRTUAL_PORT",
            "WORKER_PROCESSES_PORT", "WORKER_ASYNC_PORT", "PROMETHEUS_PORT");

    private final Path repo;
    private final Path work;
    private final String project;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    ComposeStack(Path repo, Path work, String project) throws IOException {
        this.repo = repo;
        this.work = work;
        this.project = project;
        Files.createDirectories(work);
        Map<String, Integer> defaults = defaultPorts(repo);
        PORT_VARIABLES.forEach(name -> ports.put(name, LoopbackContainers.freePort()));
        ports.forEach((name, port) -> environment.put(name, String.valueOf(port)));
        environment.put("PROMETHEUS_CONFIG", prometheusConfig(defaults).toString());
        environment.put("JOBMESH_API_KEY_SHA256", TestApiKeys.sha256(TestApiKeys.ADMIN));
    }

    static boolean composeInstalled() {
        try {
            Process process = new ProcessBuilder("docker-compose", "version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int port(String variable) {
        return ports.get(variable);
    }

    String project() {
        return project;
    }

    void up() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-build"));
        args.addAll(SERVICES);
        compose(args, Duration.ofMinutes(5));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        compose(List.of("down", "--volumes", "--remove-orphans", "--timeout", "40"), Duration.ofMinutes(3));
    }

    private void compose(List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", project,
                "-f", repo.resolve("docker-compose.yml").toString(),
                "-f", repo.resolve("deploy/compose/host-network.yml").toString()));
        command.addAll(args);
        Path log = work.resolve("compose-" + args.getFirst() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker-compose " + args.getFirst() + " took over " + timeout + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("docker-compose " + args.getFirst() + " failed (exit " + process.exitValue()
                    + "):\n" + Files.readString(log));
        }
    }

    /** The local scrape config, deploy/prometheus/prometheus.yml, with this stack's ports instead of the defaults. */
    private Path prometheusConfig(Map<String, Integer> defaults) throws IOException {
        String config = Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"));
        for (String variable : List.of("GATEWAY_MANAGEMENT_PORT", "WORKER_THREADS_PORT", "WORKER_VIRTUAL_PORT",
                "WORKER_PROCESSES_PORT", "WORKER_ASYNC_PORT", "PROMETHEUS_PORT")) {
            config = config.replace("\"127.0.0.1:" + defaults.get(variable) + "\"", "\"127.0.0.1:" + ports.get(variable) + "\"");
        }
        Path file = work.resolve("prometheus.yml");
        Files.writeString(file, config);
        return file.toAbsolutePath();
    }

    private static Map<String, Integer> defaultPorts(Path repo) throws IOException {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        for (String line : Files.readAllLines(repo.resolve("deploy/ports.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                defaults.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
            }
        }
        return defaults;
    }
}
