package dev.jobmesh.system.configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jobmesh.core.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports are set in one place, deploy/ports.env: the build fills the services' configuration files and job-core's
 * {@link Ports} from it and the local scripts read it. The files that cannot read it - the Compose files (whose
 * build arguments give each image the port of its health check), the Prometheus scrape configs - must name the
 * same ports, or this says which one differs.
 */
class PortsTest {

    private static final Path REPO = Path.of(System.getProperty("jobmesh.repo", "..")).toAbsolutePath().normalize();
    /** Each service's port variable, by the name it has in Compose, Prometheus and its module directory. */
    private static final Map<String, String> SERVICES = Map.of(
            "gateway", "GATEWAY_MANAGEMENT_PORT",
            "worker-threads", "WORKER_THREADS_PORT",
            "worker-virtual", "WORKER_VIRTUAL_PORT",
            "worker-processes", "WORKER_PROCESSES_PORT",
            "worker-async", "WORKER_ASYNC_PORT");

    private static Map<String, Integer> ports;

    @BeforeAll
    static void readPortsEnv() throws IOException {
        ports = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REPO.resolve("deploy/ports.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                ports.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
            }
        }
    }

    private static int port(String name) {
        assertThat(ports).as("deploy/ports.env").containsKey(name);
        return ports.get(name);
    }

    @Test
    void theCodeDefaultsComeFromPortsEnv() {
        assertThat(Ports.KAFKA).isEqualTo(port("KAFKA_PORT"));
        assertThat(Ports.TARGET).isEqualTo(port("TARGET_PORT"));
        assertThat(Ports.GATEWAY).isEqualTo(port("GATEWAY_PORT"));
    }

    @Test
    void composeUsesTheSamePorts() throws IOException {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"))
                + Files.readString(REPO.resolve("docker-compose.override.yml"))
                + Files.readString(REPO.resolve("deploy/compose/host-network.yml"));
        Matcher defaults = Pattern.compile("\\$\\{(\\w+_PORT):-(\\d+)}").matcher(compose);
        int seen = 0;
        while (defaults.find()) {
            assertThat(Integer.parseInt(defaults.group(2))).as("docker-compose.yml ${%s:-...}", defaults.group(1))
                    .isEqualTo(port(defaults.group(1)));
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(8);
        // Inside the network every service listens on its default port.
        assertThat(compose).contains("SERVER_PORT: " + port("GATEWAY_PORT"))
                .contains("MANAGEMENT_SERVER_PORT: " + port("GATEWAY_MANAGEMENT_PORT"))
                .contains("SERVER_PORT: " + port("WORKER_THREADS_PORT"))
                .contains("SERVER_PORT: " + port("WORKER_VIRTUAL_PORT"))
                .contains("SERVER_PORT: " + port("WORKER_PROCESSES_PORT"))
                .contains("SERVER_PORT: " + port("WORKER_ASYNC_PORT"))
                .contains("\"--port\", \"" + port("TARGET_PORT") + "\"")
                .contains("http://target:" + port("TARGET_PORT") + "/")
                .contains("kafka:" + port("KAFKA_PORT"));
    }

    @Test
    void eachImageChecksTheHealthOfItsOwnPort() throws IOException {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        assertThat(compose).contains("MODULE: gateway, PORT: " + port("GATEWAY_MANAGEMENT_PORT") + ",")
                .contains("MODULE: worker-threads, PORT: " + port("WORKER_THREADS_PORT") + ",")
                .contains("MODULE: worker-processes, PORT: " + port("WORKER_PROCESSES_PORT") + ",")
                .contains("MODULE: worker-async, PORT: " + port("WORKER_ASYNC_PORT") + ",")
                .contains("MODULE: loadgen, PORT: " + port("TARGET_PORT") + ",");
    }

    @Test
    void prometheusScrapesTheSamePorts() throws IOException {
        String local = Files.readString(REPO.resolve("deploy/prometheus/prometheus.yml"));
        String compose = Files.readString(REPO.resolve("deploy/prometheus/prometheus-compose.yml"));
        SERVICES.forEach((service, variable) -> {
            assertThat(local).as("prometheus.yml, %s", service).contains("\"127.0.0.1:" + port(variable) + "\"");
            assertThat(compose).as("prometheus-compose.yml, %s", service).contains("\"" + service + ":" + port(variable) + "\"");
        });
        assertThat(local).contains("\"127.0.0.1:" + port("PROMETHEUS_PORT") + "\"");
    }

    @Test
    void theServicesConfigurationFilesTakeTheirPortsFromTheBuild() throws IOException {
        for (String file : new String[]{"gateway/src/main/resources/gateway.yml",
                "worker-threads/src/main/resources/worker-threads.yml",
                "worker-processes/src/main/resources/worker-processes.yml",
                "worker-async/src/main/resources/worker-async.yml"}) {
            String yaml = Files.readString(REPO.resolve(file));
            assertThat(yaml).as(file).containsPattern("port: @\\w+_PORT@").doesNotContainPattern("port: \\d+");
        }
    }
}
