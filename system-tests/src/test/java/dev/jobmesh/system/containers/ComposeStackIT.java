package dev.jobmesh.system.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.testsupport.ApiClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose smoke test: docker-compose.yml brought up (with host networking), every service healthy, jobs of
 * every workload on every model through the gateway's published port, Prometheus scraping every service, then
 * down with nothing left behind.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

    private static final Path REPO = Path.of(System.getProperty("jobmesh.repo", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> PARAMS = Map.of("noop", "{}", "sleep", "{\"ms\":20}", "http", "{}",
            "cpu", "{\"limit\":20000}");
    private static final List<String> SCRAPED = List.of("gateway", "worker-threads", "worker-virtual",
            "worker-processes", "worker-async", "prometheus");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void composeStackRunsEveryWorkloadOnEveryModelAndLeavesNothingBehind() throws Exception {
        Assumptions.assumeTrue(ComposeStack.composeInstalled(), "docker-compose is not installed");
        String project = "jobmesh-smoke-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (ComposeStack stack = new ComposeStack(REPO, Path.of("target", "compose").toAbsolutePath(), project)) {
            stack.up();
            for (Map.Entry<String, String> health : healthUrls(stack).entrySet()) {
                awaitOk(health.getKey(), health.getValue(), Duration.ofMinutes(3));
            }
            System.out.printf("compose stack %s healthy after %.1f s%n", project, seconds(started));
            assertThat(cpuShares(project)).as("each service's CPU weight: the workers yield to the gateway")
                    .containsEntry("gateway", 0L).containsEntry("worker-threads", 335L)
                    .containsEntry("worker-virtual", 335L).containsEntry("worker-processes", 335L)
                    .containsEntry("worker-async", 335L);

            ApiClient api = new ApiClient("http://127.0.0.1:" + stack.port("GATEWAY_PORT"));
            Map<String, String> submitted = new LinkedHashMap<>();
            for (Model model : Model.values()) {
                for (String workload : PARAMS.keySet()) {
                    submitted.put(api.submit(workload, model.id(), PARAMS.get(workload)), workload + " on " + model.id());
                }
            }
            submitted.forEach((id, what) -> {
                JsonNode job = api.awaitJob(id, 60_000);
                assertThat(job.get("status").asString()).as(what + ": " + job).isEqualTo("SUCCEEDED");
                assertThat(job.get("worker").asString()).as(what).startsWith(what.substring(what.indexOf(" on ") + 4));
            });

            assertThat(awaitScraped(stack.port("PROMETHEUS_PORT"), Duration.ofSeconds(60)))
                    .as("Prometheus's up{job} for every service").containsOnlyKeys(SCRAPED).doesNotContainValue("0");
        }
        System.out.printf("compose stack %s up, checked and down in %.1f s%n", project, seconds(started));

        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> label = Map.of("com.docker.compose.project", project);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec())
                .as("containers left by %s", project).isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("label", List.of("com.docker.compose.project=" + project))
                .exec().getVolumes()).as("volumes left by %s", project).isNullOrEmpty();
    }

    /** HostConfig.CpuShares of each of the project's containers, by service; 0 where unset (the default weight). */
    private static Map<String, Long> cpuShares(String project) {
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, Long> shares = new TreeMap<>();
        for (Container container : docker.listContainersCmd()
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec()) {
            Integer cpuShares = docker.inspectContainerCmd(container.getId()).exec().getHostConfig().getCpuShares();
            shares.put(container.getLabels().get("com.docker.compose.service"), cpuShares == null ? 0L : cpuShares);
        }
        return shares;
    }

    private static Map<String, String> healthUrls(ComposeStack stack) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("gateway", "http://127.0.0.1:" + stack.port("GATEWAY_MANAGEMENT_PORT") + "/actuator/health");
        for (String worker : List.of("WORKER_THREADS_PORT", "WORKER_VIRTUAL_PORT", "WORKER_PROCESSES_PORT", "WORKER_ASYNC_PORT")) {
            urls.put(worker, "http://127.0.0.1:" + stack.port(worker) + "/actuator/health");
        }
        urls.put("target", "http://127.0.0.1:" + stack.port("TARGET_PORT") + "/");
        urls.put("prometheus", "http://127.0.0.1:" + stack.port("PROMETHEUS_PORT") + "/-/ready");
        return urls;
    }

    private void awaitOk(String service, String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(service + " not healthy within " + timeout + " (" + url + "); see target/compose");
    }

    /** up{job} as Prometheus has it, once every service has been scraped at least once. */
    private Map<String, String> awaitScraped(int port, Duration timeout) throws Exception {
        URI query = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=up");
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> up = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            up.clear();
            String body = http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode series : JsonMapper.shared().readTree(body).get("data").get("result")) {
                up.put(series.get("metric").get("job").asString(), series.get("value").get(1).asString());
            }
            if (up.keySet().containsAll(SCRAPED) && !up.containsValue("0")) {
                return up;
            }
            Thread.sleep(1000);
        }
        return up;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
