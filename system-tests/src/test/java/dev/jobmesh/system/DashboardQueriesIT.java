package dev.jobmesh.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.jobmesh.core.job.Model;
import dev.jobmesh.system.GrafanaDashboardFilesTest.Dashboards;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every PromQL expression of every Grafana dashboard, run against a real Prometheus scraping the real system: the
 * services as deployed (LocalSystem), Prometheus from the PATH with deploy/prometheus/prometheus.yml pointed at
 * their ports, after a short load of every workload on every model. Fails listing each expression that returns no
 * series - so a renamed or missing metric breaks the build rather than the dashboard. A query whose series keep the
 * job, model or topic label must also return one for every started service, model or model's jobs topic that its
 * matchers on that label select (a query by job without a job matcher counts every service).
 * <p>
 * Prometheus comes from Debian's prometheus package, which {@code ./jobmesh test} installs when missing
 * ({@code deploy/lib/prometheus.sh ensure-installed}). The models to start default to all four;
 * {@code -Djobmesh.dashboards.models=threads,virtual} picks fewer, and then skips the panels about the other
 * models' internals (titled "async: ...", "processes: ..."). Writes each query's series count to
 * target/system/dashboards.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardQueriesIT {

    private static final List<String> WORKLOADS = List.of("noop {}", "sleep {\"ms\":50}", "http {}",
            "cpu {\"limit\":20000}");
    private static final int JOBS_PER_BATCH = 25;
    /** How long after the load the queries may take to return series: the Kafka client's meters appear within 60 s. */
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final Path repo = Dashboards.repo();
    private final List<Model> models = models();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalSystem system;
    private Process prometheus;
    private Path prometheusLog;
    private String prometheusUrl;
    private Map<String, String> scrapedJobs;

    private static List<Model> models() {
        String configured = System.getProperty("jobmesh.dashboards.models", "threads,virtual,processes,async");
        return Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(id -> Arrays.stream(Model.values()).filter(m -> m.id().equals(id)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no model " + id)))
                .toList();
    }

    @BeforeAll
    void start() throws Exception {
        Path prometheusBinary = onPath("prometheus").orElseThrow(() -> new AssertionError(
                "prometheus is not on the PATH: DashboardQueriesIT runs every dashboard query against a real "
                        + "Prometheus. Install it with deploy/lib/prometheus.sh ensure-installed (Debian's prometheus "
                        + "package; ./jobmesh test does this), or put a Prometheus 2.x binary on the PATH."));
        Path promtool = onPath("promtool").orElseThrow(() -> new AssertionError(
                "promtool is not on the PATH; it comes with prometheus (deploy/lib/prometheus.sh ensure-installed)"));
        for (String config : List.of("deploy/prometheus/prometheus.yml", "deploy/prometheus/prometheus-compose.yml")) {
            checkConfig(promtool, repo.resolve(config));
        }

        system = new LocalSystem("dashboards").startAll(models.toArray(Model[]::new));

        int port = ServiceProcess.freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        Path dir = system.work().resolve("prometheus");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, localConfig(port));
        checkConfig(promtool, config);
        prometheusLog = system.work().resolve("logs").resolve("prometheus.log");
        Files.createDirectories(prometheusLog.getParent());
        prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(prometheusLog.toFile()))
                .start();
        Process started = prometheus;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ready()) {
            if (!prometheus.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not become ready: " + tail(prometheusLog));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void prometheusScrapesEveryService() throws Exception {
        List<String> down = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> up = new LinkedHashMap<>();
            for (JsonNode series : query("up")) {
                up.put(series.path("metric").path("job").asString(""), series.path("value").get(1).asString());
            }
            down = scrapedJobs.keySet().stream().filter(job -> !"1".equals(up.get(job)))
                    .map(job -> job + " (" + scrapedJobs.get(job) + ": up=" + up.getOrDefault(job, "none") + ")")
                    .toList();
            if (down.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("Prometheus cannot scrape " + down + "; its targets page: " + targetErrors());
    }

    @Test
    @Order(2)
    void everyDashboardQueryReturnsSeriesAfterALoad() throws Exception {
        runLoad();

        List<Dashboards.Query> queries = new ArrayList<>(Dashboards.queries(repo));
        queries.addAll(Dashboards.variableQueries(repo));
        assertThat(queries).hasSizeGreaterThan(20);
        List<Dashboards.Query> skipped = queries.stream().filter(q -> !ofStartedModel(q)).toList();
        queries.removeAll(skipped);
        skipped.forEach(q -> System.out.println("[dashboards] skipped, its model is not started: " + q));
        Map<Dashboards.Query, String> failing = new LinkedHashMap<>();
        Map<Dashboards.Query, Integer> seriesCounts = new LinkedHashMap<>();
        List<Dashboards.Query> pending = new ArrayList<>(queries);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            failing.clear();
            for (Iterator<Dashboards.Query> it = pending.iterator(); it.hasNext(); ) {
                Dashboards.Query query = it.next();
                String expr = Dashboards.evaluable(query.expr());
                List<JsonNode> result;
                try {
                    result = query(expr);
                } catch (QueryException e) {
                    failing.put(query, e.getMessage());
                    continue;
                }
                seriesCounts.put(query, result.size());
                String missing = missing(expr, result);
                if (missing == null) {
                    it.remove();
                } else {
                    failing.put(query, missing);
                }
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(3000);
        }
        report(queries, seriesCounts, failing);
        if (!failing.isEmpty()) {
            fail(failing.size() + " of " + queries.size() + " dashboard queries returned no series "
                    + SETTLE.toSeconds() + " s after the load (models " + models + "):\n"
                    + failing.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue() + "\n      "
                            + Dashboards.evaluable(e.getKey().expr())).collect(Collectors.joining("\n")));
        }
    }

    /**
     * False for a panel about models none of which runs here: one titled "async: ..." or "threads / virtual: ..."
     * (model ids, then a colon) when started with -Djobmesh.dashboards.models naming none of them.
     */
    private boolean ofStartedModel(Dashboards.Query query) {
        int colon = query.panel().indexOf(':');
        if (colon < 0) {
            return true;
        }
        List<String> named = Arrays.stream(query.panel().substring(0, colon).split("/")).map(String::trim).toList();
        Set<String> ids = Arrays.stream(Model.values()).map(Model::id).collect(Collectors.toSet());
        return !ids.containsAll(named) || models.stream().anyMatch(m -> named.contains(m.id()));
    }

    /** A batch of each workload on each model, every job awaited to its end. */
    private void runLoad() {
        ApiClient api = system.api();
        List<String> ids = new ArrayList<>();
        for (Model model : models) {
            for (String workload : WORKLOADS) {
                String type = workload.substring(0, workload.indexOf(' '));
                String params = workload.substring(workload.indexOf(' ') + 1);
                StringBuilder body = new StringBuilder("{\"jobs\":[");
                for (int i = 0; i < JOBS_PER_BATCH; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"model\":\"")
                            .append(model.id()).append("\",\"params\":").append(params).append('}');
                }
                ApiClient.Response response = api.post("/api/jobs/batch", body.append("]}").toString());
                assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
                response.body().get("ids").forEach(id -> ids.add(id.asString()));
            }
        }
        // One rejected request, so the rejection panels have moved too.
        assertThat(api.post("/api/jobs", "{\"type\":\"nope\",\"model\":\"threads\"}").status()).isEqualTo(422);
        for (String id : ids) {
            JsonNode job = api.awaitJob(id, 60_000);
            assertThat(job.get("status").asString()).as("job %s %s/%s", id, job.path("model").asString(),
                    job.path("type").asString()).isEqualTo("SUCCEEDED");
        }
    }

    /**
     * Null when the result is complete: at least one series; and where its series keep one of these labels, a
     * series for every started service its job matchers select (job), for every started model its model matchers
     * select (model), for every started model's jobs topic its topic matchers select (topic). Else what is missing.
     */
    private String missing(String expr, List<JsonNode> result) {
        if (result.isEmpty()) {
            return "no series";
        }
        Set<String> services = scrapedJobs.keySet().stream().filter(job -> !"prometheus".equals(job))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> modelIds = models.stream().map(Model::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> topics = models.stream().map(m -> "jobs." + m.id()).collect(Collectors.toCollection(TreeSet::new));
        for (Map.Entry<String, Set<String>> label : Map.of("job", services, "model", modelIds, "topic", topics)
                .entrySet()) {
            Set<String> found = labelValues(result, label.getKey());
            if (found.isEmpty()) {
                continue;
            }
            List<String> matchers = Dashboards.labelMatchers(expr, label.getKey());
            Set<String> expected = label.getValue().stream().filter(v -> matchers.stream().allMatch(v::matches))
                    .collect(Collectors.toCollection(TreeSet::new));
            expected.removeAll(found);
            if (!expected.isEmpty()) {
                return "no series for " + label.getKey() + " " + expected;
            }
        }
        return null;
    }

    private static Set<String> labelValues(List<JsonNode> result, String label) {
        Set<String> values = new TreeSet<>();
        for (JsonNode series : result) {
            JsonNode value = series.path("metric").path(label);
            if (!value.isMissingNode()) {
                values.add(value.asString());
            }
        }
        return values;
    }

    private void report(List<Dashboards.Query> queries, Map<Dashboards.Query, Integer> counts,
                        Map<Dashboards.Query, String> failing) throws IOException {
        StringBuilder text = new StringBuilder("Dashboard queries against Prometheus, models " + models + "\n");
        for (Dashboards.Query query : queries) {
            text.append(String.format("%-6s %4s series  %s%n", failing.containsKey(query) ? "FAIL" : "ok",
                    counts.getOrDefault(query, 0), query + (failing.containsKey(query) ? " - " + failing.get(query) : "")));
        }
        Path file = Path.of(System.getProperty("jobmesh.work")).resolve("dashboards.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        System.out.print("[dashboards] " + text);
    }

    /** deploy/prometheus/prometheus.yml with each job pointed at this system's ports; jobs of models not started dropped. */
    private String localConfig(int prometheusPort) throws IOException {
        Map<String, Object> config = GrafanaDashboardFilesTest.yaml(repo.resolve("deploy/prometheus/prometheus.yml"));
        List<Map<String, Object>> jobs = GrafanaDashboardFilesTest.list(config.get("scrape_configs"));
        scrapedJobs = new LinkedHashMap<>();
        for (Iterator<Map<String, Object>> it = jobs.iterator(); it.hasNext(); ) {
            Map<String, Object> job = it.next();
            String name = String.valueOf(job.get("job_name"));
            Optional<Model> model = Arrays.stream(Model.values()).filter(m -> name.equals("worker-" + m.id())).findFirst();
            String target;
            if (name.equals("gateway")) {
                target = "127.0.0.1:" + system.gatewayManagementPort();
            } else if (name.equals("prometheus")) {
                target = "127.0.0.1:" + prometheusPort;
            } else if (model.isPresent()) {
                if (!models.contains(model.get())) {
                    it.remove();
                    continue;
                }
                target = "127.0.0.1:" + system.workerPort(model.get());
            } else {
                throw new AssertionError("DashboardQueriesIT does not know scrape job " + name + " of prometheus.yml");
            }
            scrapedJobs.put(name, target);
            job.put("static_configs", List.of(Map.of("targets", List.of(target))));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return "# Generated by DashboardQueriesIT from deploy/prometheus/prometheus.yml\n" + new Yaml(options).dump(config);
    }

    private List<JsonNode> query(String expr) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Dashboards.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asString(""))) {
            throw new QueryException("Prometheus answered " + response.statusCode() + ": "
                    + body.path("error").asString(response.body()));
        }
        List<JsonNode> result = new ArrayList<>();
        body.path("data").path("result").forEach(result::add);
        return result;
    }

    private String targetErrors() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/targets"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            List<String> errors = new ArrayList<>();
            Dashboards.JSON.readTree(response.body()).path("data").path("activeTargets").forEach(t -> errors.add(
                    t.path("labels").path("job").asString() + " " + t.path("scrapeUrl").asString() + " "
                            + t.path("health").asString() + " " + t.path("lastError").asString()));
            return String.join("; ", errors);
        } catch (Exception e) {
            return "(unavailable: " + e + ")";
        }
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void checkConfig(Path promtool, Path config) throws Exception {
        Process check = new ProcessBuilder(promtool.toString(), "check", "config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("promtool check config %s:%n%s", config, output).isZero();
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static final class QueryException extends Exception {
        QueryException(String message) {
            super(message);
        }
    }
}
