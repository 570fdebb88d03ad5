package dev.jobmesh.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceProcess;
import dev.jobmesh.testsupport.TestApiKeys;
import org.springframework.util.FileSystemUtils;

/**
 * The whole system as deployed: a real broker started by {@code deploy/kafka.sh} with a fixed port and a data
 * directory that survives its restarts, and the target, gateway and workers each as its own process.
 */
public final class LocalSystem implements AutoCloseable {

    private final Path repo = Path.of(System.getProperty("jobmesh.repo")).toAbsolutePath().normalize();
    private final DeployedJvmSettings deployed = new DeployedJvmSettings(repo);
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
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> gatewaySettings = new LinkedHashMap<>();
    private final List<ServiceProcess> otherGateways = new ArrayList<>();
    private boolean deployedJvms;
    /** The gateway's AOT cache option once a training run wrote the cache (deployed JVMs only). */
    private List<String> gatewayAot = List.of();

    public LocalSystem(String name) throws Exception {
        this.work = Path.of(System.getProperty("jobmesh.work")).resolve(name);
        this.kafkaData = work.resolve("kafka");
        Files.createDirectories(work);
        // A run killed before its close left its broker running on this directory, on other ports: start would
        // take it for this system's broker and the tests would talk to nothing.
        stopBroker();
        // A system starts on an empty broker: an earlier run's topics would change what this one measures.
        FileSystemUtils.deleteRecursively(kafkaData);
    }



    /**
     * Every service on the JVM options it is deployed with (deploy/jvm/*.options, as deploy/start.sh and the images
     * use) instead of the small ones that let the functional tests share two cores, and with the same two malloc
     * arenas (MALLOC_ARENA_MAX, set by deploy/start.sh and the images) that keep RocksDB's native memory in bounds.
     */
    public LocalSystem asDeployed() {
        deployedJvms = true;
        return this;
    }

    /** A setting every service started from now on gets (each reads those it knows). */
    public LocalSystem with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** A setting of the first gateway only (a further one gets its own at {@link #startGateway}). */
    public LocalSystem withGateway(String name, String value) {
        gatewaySettings.put(name, value);
        return this;
    }

    public LocalSystem startBroker() throws Exception {
        run("deploy/kafka.sh", "start", "--port", String.valueOf(kafkaPort), "--controller-port",
                String.valueOf(controllerPort), "--data-dir", kafkaData.toString());
        return this;
    }

    public void stopBroker() throws Exception {
        run("deploy/kafka.sh", "stop", "--data-dir", kafkaData.toString());
    }

    public LocalSystem startAll(Model... models) throws Exception {
        startBroker();
        target = new ServiceProcess("target", ServiceProcess.java(jar("loadgen"), jvm("loadgen", "128m"), "target", "--port",
                String.valueOf(targetPort)), "http://127.0.0.1:" + targetPort + "/", work.resolve("logs")).start();
        if (deployedJvms) {
            trainGateway();
        }
        gateway = gatewayProcess("gateway", gatewayPort, gatewayManagementPort, gatewaySettings).start();
        for (Model model : models) {
            startWorker(model);
        }
        return this;
    }

    /**
     * A further gateway instance on ports of its own, with its own settings over the system's; started, and
     * stopped with the system.
     */
    public ServiceProcess startGateway(String name, Map<String, String> own) throws Exception {
        ServiceProcess other = gatewayProcess(name, freePort(), freePort(), own);
        otherGateways.add(other);
        return other.start();
    }

    /**
     * Gives the gateway its AOT cache as deploy/start.sh does (deploy/lib/aot.sh decides), in this system's work
     * directory: when there is none for the current jar, a gateway is started and stopped once to write it, so the
     * measured gateways all start from it and none of them is the training run.
     */
    private void trainGateway() throws Exception {
        List<String> option = aotOption();
        if (option.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="))) {
            gatewayAot = option;
            ServiceProcess training = gatewayProcess("gateway-aot-training", freePort(), freePort(), gatewaySettings).start();
            if (training.terminate() != 0) {
                throw new IllegalStateException("the gateway's AOT training run did not exit cleanly; see its log");
            }
            option = aotOption();
        }
        gatewayAot = option;
    }

    private List<String> aotOption() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "source deploy/lib/jdk.sh && source deploy/lib/aot.sh && aot_options gateway \"$1\"", "aot",
                jar("gateway").toString()).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("REPO_ROOT", repo.toString());
        builder.environment().put("JOBMESH_AOT_DIR", work.resolve("aot").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("deploy/lib/aot.sh failed: " + out);
        }
        return out.isEmpty() ? List.of() : List.of(out);
    }

    private ServiceProcess gatewayProcess(String name, int port, int managementPort, Map<String, String> own) {
        List<String> extra = new ArrayList<>(List.of("--server.port=" + port, "--management.server.port=" + managementPort,
                "--jobmesh.gateway.instance-id=" + name + "-system-test"));
        extra.addAll(ServiceProcess.arguments(own));
        List<String> jvm = new ArrayList<>(jvm("gateway", "512m"));
        jvm.addAll(gatewayAot);
        return deployed(new ServiceProcess(name, ServiceProcess.java(jar("gateway"), jvm,
                args(extra.toArray(String[]::new))),
                "http://127.0.0.1:" + managementPort + "/actuator/health/readiness", work.resolve("logs")));
    }

    private ServiceProcess deployed(ServiceProcess service) {
        return deployedJvms ? service.withEnvironment(Map.of("MALLOC_ARENA_MAX", "2")) : service;
    }

    /** The base URLs of a gateway process started here: its API and its management port, from its command line. */
    public static String apiUrlOf(ServiceProcess gateway) {
        return "http://127.0.0.1:" + argument(gateway, "--server.port=");
    }

    public static String managementUrlOf(ServiceProcess gateway) {
        return "http://127.0.0.1:" + argument(gateway, "--management.server.port=");
    }

    private static String argument(ServiceProcess service, String prefix) {
        return service.command().stream().filter(a -> a.startsWith(prefix)).reduce((a, b) -> b)
                .map(a -> a.substring(prefix.length())).orElseThrow();
    }

    public ServiceProcess startWorker(Model model) throws Exception {
        ServiceProcess worker = workers.computeIfAbsent(model, m -> {
            int port = freePort();
            workerPorts.put(m, port);
            String module = switch (m) {
                case THREADS, VIRTUAL -> "worker-threads";
                case PROCESSES -> "worker-processes";
                case ASYNC -> "worker-async";
            };
            List<String> command = new ArrayList<>(workerNiceness());
            command.addAll(ServiceProcess.java(jar(module), jvm(module, "384m"),
                    args("--server.port=" + port, "--jobmesh.worker.model=" + m.id(),
                            "--jobmesh.worker.instance-id=" + m.id() + "-system-test")));
            return deployed(new ServiceProcess("worker-" + m.id(), command,
                    "http://127.0.0.1:" + port + "/actuator/health", work.resolve("logs")));
        });
        return worker.start();
    }

    public ServiceProcess worker(Model model) {
        return workers.get(model);
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    /** The gateway's actuator port (health, prometheus), apart from its API port. */
    public int gatewayManagementPort() {
        return gatewayManagementPort;
    }

    /** The port a started worker serves actuator on. */
    public int workerPort(Model model) {
        Integer port = workerPorts.get(model);
        if (port == null) {
            throw new IllegalStateException("no " + model.id() + " worker was started");
        }
        return port;
    }

    /** The repository root: deploy/, the modules. */
    public Path repo() {
        return repo;
    }

    /** This system's own directory under target/system: broker data, logs. */
    public Path work() {
        return work;
    }

    public ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + gatewayPort);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The broker's pid, from the pid file deploy/kafka.sh keeps in its data directory. */
    public long brokerPid() throws IOException {
        return Long.parseLong(Files.readString(kafkaData.resolve("kafka.pid")).trim());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The broker's data directory (its log segments: what the topics take on disk). */
    public Path kafkaData() {
        return kafkaData;
    }

    private String[] args(String... own) {
        List<String> all = new ArrayList<>(List.of(own));
        all.addAll(ServiceProcess.arguments(settings));
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

    /**
     * As deployed (deploy/jvm/MODULE.options) or, by default, C1 only with the given heap: six JVMs share two cores
     * here, and C2's compiler threads would compete with the jobs of a functional test.
     */
    private List<String> jvm(String module, String heap) {
        if (!deployedJvms) {
            return List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1");
        }
        return deployed.options(module);
    }

    /** As deployed, the workers' CPU niceness (deploy/jvm/workers.nice): {@code nice -n N}, which execs the JVM. */
    private List<String> workerNiceness() {
        if (!deployedJvms) {
            return List.of();
        }
        return List.of("nice", "-n", String.valueOf(deployed.workersNiceness()));
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess other : otherGateways) {
            other.close();
        }
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
