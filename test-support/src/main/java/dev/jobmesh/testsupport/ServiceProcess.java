package dev.jobmesh.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One jobmesh service running as its own process from its exec jar, as deployed. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final String healthUrl;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Map<String, String> environment = Map.of();
    private volatile Process process;
    /** Kills the process when this JVM ends without closing it (a test run interrupted), so no service outlives it. */
    private final Thread orphanGuard = new Thread(() -> {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }, "service-process-guard");
    private boolean guarded;

    /**
     * @param command   the whole command line, e.g. from {@link #java}
     * @param healthUrl answers 200 once the service is up
     * @param logDirectory where {@code <name>.log} collects its output, appended to over restarts
     */
    public ServiceProcess(String name, List<String> command, String healthUrl, Path logDirectory) {
        this.name = name;
        this.command = List.copyOf(command);
        this.healthUrl = healthUrl;
        this.log = logDirectory.resolve(name + ".log");
    }

    /** Variables added to its environment, from its next start on. */
    public ServiceProcess withEnvironment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /** Starts the process and waits up to two minutes until its health URL answers 200. */
    public ServiceProcess start() throws Exception {
        return start(Duration.ofSeconds(120));
    }

    /** Starts the process and waits until its health URL answers 200. */
    public ServiceProcess start(Duration timeout) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!guarded) {
            Runtime.getRuntime().addShutdownHook(orphanGuard);
            guarded = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy in " + timeout + ": " + tail());
    }

    /** kill -9: no shutdown hook, no drain, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait up to a minute (then SIGKILL); returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Its command line. */
    public List<String> command() {
        return command;
    }

    public Process process() {
        return process;
    }

    /** The last 40 lines of its log. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
        if (guarded) {
            try {
                Runtime.getRuntime().removeShutdownHook(orphanGuard);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the guard runs or has run
            }
            guarded = false;
        }
    }

    /** {@code java -Xmx<heap> -jar <jar> <args>} on this JVM's own java. */
    public static List<String> java(Path jar, String heap, String... args) {
        return java(jar, List.of("-Xmx" + heap), args);
    }

    /** {@code java <jvmOptions> -jar <jar> <args>} on this JVM's own java. */
    public static List<String> java(Path jar, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Settings as command-line arguments, which win over a service's application.yml as an operator's would. */
    public static List<String> arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** Where {@link #freePort()} looks: below Linux's ephemeral range (32768-60999). */
    private static final int PORTS_FROM = 20_000;
    private static final int PORTS_TO = 32_768;
    /** The next port to try; ports handed out once are not handed out again by this JVM. */
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger(PORTS_FROM + ThreadLocalRandom.current().nextInt(PORTS_TO - PORTS_FROM));

    /**
     * A port free right now, for a service that must be reachable at a known address. Not one the kernel picks for
     * ephemeral use: between this check and the service's bind, an outgoing connection took such a port
     * ("Address already in use" for the load target once in a CI run).
     */
    public static int freePort() throws IOException {
        for (int tries = 0; tries < PORTS_TO - PORTS_FROM; tries++) {
            int port = PORTS_FROM + Math.floorMod(NEXT_PORT.getAndIncrement() - PORTS_FROM, PORTS_TO - PORTS_FROM);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try the next
            }
        }
        throw new IOException("no free port in " + PORTS_FROM + "-" + (PORTS_TO - 1));
    }
}
