package dev.jobmesh.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceProcess;
import dev.jobmesh.testsupport.TestApiKeys;

/**
 * The whole system as deployed: a real broker started by {@code deploy/kafka.sh} with a fixed port and a data
 * directory that survives its restarts, and the target, gateway and workers each as its own process.
 */
final class LocalSystem implements AutoCloseable {

    private final Path repo = Path.of(System.getProperty("jobmesh.repo")).toAbsolutePath().normalize();
    private final String version = System.getProperty("jobmesh.version");
    private final Path work;
    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final int targetPort = freePort();
    private final int gatewayPort = freePort();
    private final int gatewayManagementPort = freePort();
    private final Path kafkaData;
    private ServiceProcess target;
    private ServiceProcess gateway;
    private final Map<Model, ServiceProcess> workers = new EnumMap<>(Model.class);
    private final Map<Model, Integer> workerPorts = new EnumMap<>(Model.class);

    LocalSystem(String name) throws Exception {
        this.work = Path.of(System.getProperty("jobmesh.work")).resolve(name);
        this.kafkaData = work.resolve("kafka");
        Files.createDirectories(work);
        // A run killed before its close left its broker running on this directory, on other ports: start would
        // take it for this system's broker and the tests would talk to nothing.
        stopBroker();
    }

    LocalSystem startBroker() throws Exception {
        run("deploy/kafka.sh", "start", "--port", String.valueOf(kafkaPort), "--controller-port",
                String.valueOf(controllerPort), "--data-dir", kafkaData.toString());
        return this;
    }

    void stopBroker() throws Exception {
        run("deploy/kafka.sh", "stop", "--data-dir", kafkaData.toString());
    }

    LocalSystem startAll(Model... models) throws Exception {
        startBroker();
        target = new ServiceProcess("target", ServiceProcess.java(jar("loadgen"), jvm("128m"), "target", "--port",
                String.valueOf(targetPort)), "http://127.0.0.1:" + targetPort + "/", work.resolve("logs")).start();
        gateway = new ServiceProcess("gateway", ServiceProcess.java(jar("gateway"), jvm("512m"),
                args("--server.port=" + gatewayPort, "--management.server.port=" + gatewayManagementPort,
                        "--jobmesh.gateway.instance-id=gateway-system-test")),
                "http://127.0.0.1:" + gatewayManagementPort + "/actuator/health", work.resolve("logs")).start();
        for (Model model : models) {
            startWorker(model);
        }
        return this;
    }

    ServiceProcess startWorker(Model model) throws Exception {
        ServiceProcess worker = workers.computeIfAbsent(model, m -> {
            int port = freePort();
            workerPorts.put(m, port);
            String module = switch (m) {
                case THREADS, VIRTUAL -> "worker-threads";
                case PROCESSES -> "worker-processes";
                case ASYNC -> "worker-async";
            };
            return new ServiceProcess("worker-" + m.id(), ServiceProcess.java(jar(module), jvm("384m"),
                    args("--server.port=" + port, "--jobmesh.worker.model=" + m.id(),
                            "--jobmesh.worker.instance-id=" + m.id() + "-system-test")),
                    "http://127.0.0.1:" + port + "/actuator/health", work.resolve("logs"));
        });
        return worker.start();
    }

    ServiceProcess worker(Model model) {
        return workers.get(model);
    }

    ServiceProcess gateway() {
        return gateway;
    }

    /** The gateway's actuator port (health, prometheus), apart from its API port. */
    int gatewayManagementPort() {
        return gatewayManagementPort;
    }

    /** The port a started worker serves actuator on. */
    int workerPort(Model model) {
        Integer port = workerPorts.get(model);
        if (port == null) {
            throw new IllegalStateException("no " + model.id() + " worker was started");
        }
        return port;
    }

    /** The repository root: deploy/, the modules. */
    Path repo() {
        return repo;
    }

    /** This system's own directory under target/system: broker data, logs. */
    Path work() {
        return work;
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + gatewayPort);
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The broker's pid, from the pid file deploy/kafka.sh keeps in its data directory. */
    long brokerPid() throws IOException {
        return Long.parseLong(Files.readString(kafkaData.resolve("kafka.pid")).trim());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    private String[] args(String... own) {
        List<String> all = new ArrayList<>(List.of(own));
        all.add("--jobmesh.kafka.bootstrap-servers=" + bootstrapServers());
        all.add("--jobmesh.workloads.http.default-url=http://127.0.0.1:" + targetPort + "/");
        // 127.0.0.1:9 is allowlisted but closed, so a job can fail for real every time.
        all.add("--jobmesh.workloads.http.allowed-hosts=127.0.0.1:" + targetPort + ",127.0.0.1:9");
        all.add("--spring.main.banner-mode=off");
        TestApiKeys.settings().forEach((name, value) -> all.add("--" + name + "=" + value)); // read by the gateway
        return all.toArray(String[]::new);
    }

    /** A module's runnable jar, as deployed. */
    Path jar(String module) {
        Path jar = repo.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + "; the system tests run after the modules are packaged");
        }
        return jar;
    }

    private void run(String... command) throws Exception {
        Path log = work.resolve("logs").resolve("kafka-script.log");
        Files.createDirectories(log.getParent());
        List<String> bash = new ArrayList<>(List.of("bash"));
        bash.addAll(List.of(command));
        Process process = new ProcessBuilder(bash).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static int freePort() {
        try {
            return ServiceProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** C1 only: six JVMs share two cores here, and C2's compiler threads would compete with the jobs. */
    private static List<String> jvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1");
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess worker : workers.values()) {
            worker.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (target != null) {
            target.close();
        }
        stopBroker();
    }
}
