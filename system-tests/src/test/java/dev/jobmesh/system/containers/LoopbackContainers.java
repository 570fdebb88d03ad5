package dev.jobmesh.system.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ServiceProcess;
import dev.jobmesh.testsupport.TestApiKeys;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * jobmesh's images as containers on the host's network, each listening on 127.0.0.1 only, on free ports: test
 * traffic stays on loopback, and the services reach one another as they do when deploy/start.sh runs them.
 */
final class LoopbackContainers {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** A fixed id, like docker-compose.yml's: any 22-character base64url string formats a new broker. */
    private static final String CLUSTER_ID = "Cp9-1zbuTQuQyXxejsGkPg";

    private LoopbackContainers() {
    }

    static int freePort() {
        try {
            return ServiceProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A single-node KRaft broker, configured through the same variables docker-compose.yml gives it. */
    static GenericContainer<?> kafka(int port, int controllerPort) {
        return new GenericContainer<>(ContainerImages.kafka())
                .withNetworkMode("host")
                .withEnv("CLUSTER_ID", CLUSTER_ID)
                .withEnv("KAFKA_NODE_ID", "1")
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort)
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + port)
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort)
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx256m")
                .withLogConsumer(new ContainerLog("kafka-" + port))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(START_TIMEOUT));
    }

    /** The loadgen image running the http workload's target. */
    static GenericContainer<?> target(int port) {
        return service("loadgen", "target-" + port, port, "/", List.of("target", "--host", "127.0.0.1", "--port", String.valueOf(port)));
    }

    /** The gateway image, its API on one port and actuator on another. */
    static GenericContainer<?> gateway(int port, int managementPort, String bootstrapServers, String targetUrl) {
        List<String> args = new ArrayList<>(common(port, bootstrapServers, targetUrl));
        args.add("--management.server.port=" + managementPort);
        args.add("--jobmesh.gateway.instance-id=gateway-" + port);
        TestApiKeys.settings().forEach((name, value) -> args.add("--" + name + "=" + value));
        return service("gateway", "gateway-" + port, managementPort, "/actuator/health", args);
    }

    /** The image of the model's worker, in that model. */
    static GenericContainer<?> worker(Model model, int port, String bootstrapServers, String targetUrl) {
        List<String> args = new ArrayList<>(common(port, bootstrapServers, targetUrl));
        args.add("--jobmesh.worker.model=" + model.id());
        return service(ContainerImages.workerModule(model), "worker-" + model.id() + "-" + port, port,
                "/actuator/health", args);
    }

    private static List<String> common(int port, String bootstrapServers, String targetUrl) {
        String targetHost = targetUrl.replaceFirst("^http://", "").replaceFirst("/.*$", "");
        return List.of("--server.address=127.0.0.1", "--server.port=" + port,
                "--jobmesh.kafka.bootstrap-servers=" + bootstrapServers,
                "--jobmesh.workloads.http.default-url=" + targetUrl,
                "--jobmesh.workloads.http.allowed-hosts=" + targetHost,
                "--spring.main.banner-mode=off");
    }

    private static GenericContainer<?> service(String module, String name, int healthPort, String healthPath,
                                               List<String> args) {
        return new GenericContainer<>(ContainerImages.service(module))
                .withNetworkMode("host")
                .withCommand(args.toArray(String[]::new))
                .withLogConsumer(new ContainerLog(name))
                .waitingFor(new LoopbackHealthWait(healthPort, healthPath).withStartupTimeout(START_TIMEOUT));
    }
}
