package dev.jobmesh.system.containers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline from images: a broker, the http target, the gateway and one worker of each model, each in a
 * container; jobs of every workload submitted to every model through the gateway's REST API end SUCCEEDED, run by
 * the model they were sent to.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineIT {

    private static final String[] WORKLOADS = {"noop", "sleep", "http", "cpu"};
    private static final Map<String, String> PARAMS = Map.of("noop", "{}", "sleep", "{\"ms\":20}", "http", "{}",
            "cpu", "{\"limit\":20000}");

    private static final List<GenericContainer<?>> CONTAINERS = new ArrayList<>();
    private static ApiClient api;

    @BeforeAll
    static void startTheSystem() {
        int kafkaPort = LoopbackContainers.freePort();
        int targetPort = LoopbackContainers.freePort();
        int gatewayPort = LoopbackContainers.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String targetUrl = "http://127.0.0.1:" + targetPort + "/";

        GenericContainer<?> kafka = LoopbackContainers.kafka(kafkaPort, LoopbackContainers.freePort());
        CONTAINERS.add(kafka);
        Startables.deepStart(kafka, remember(LoopbackContainers.target(targetPort))).join();

        Map<Model, GenericContainer<?>> workers = new EnumMap<>(Model.class);
        for (Model model : Model.values()) {
            workers.put(model, remember(LoopbackContainers.worker(model, LoopbackContainers.freePort(), bootstrap, targetUrl)));
        }
        GenericContainer<?> gateway = remember(LoopbackContainers.gateway(gatewayPort, LoopbackContainers.freePort(),
                bootstrap, targetUrl));
        Startables.deepStart(Stream.concat(Stream.of(gateway), workers.values().stream())).join();
        api = new ApiClient("http://127.0.0.1:" + gatewayPort);
    }

    private static GenericContainer<?> remember(GenericContainer<?> container) {
        CONTAINERS.add(container);
        return container;
    }

    @AfterAll
    static void stopTheSystem() {
        CONTAINERS.reversed().forEach(GenericContainer::stop);
    }

    @Test
    void everyWorkloadOnEveryModelSucceedsThroughTheGateway() {
        Map<String, String> submitted = new LinkedHashMap<>();
        for (Model model : Model.values()) {
            for (String workload : WORKLOADS) {
                submitted.put(api.submit(workload, model.id(), PARAMS.get(workload)), workload + " on " + model.id());
            }
        }
        submitted.forEach((id, what) -> {
            JsonNode job = api.awaitJob(id, 60_000);
            assertThat(job.get("status").asString()).as(what + ": " + job).isEqualTo("SUCCEEDED");
            String model = what.substring(what.indexOf(" on ") + 4);
            assertThat(job.get("worker").asString()).as(what + ": the worker").startsWith(model);
            assertThat(job.get("attempts").asInt()).as(what).isEqualTo(1);
        });
    }
}
