package dev.jobmesh.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files Grafana and Prometheus are given, checked without running either: every dashboard under
 * deploy/grafana/dashboards is a well-formed Grafana dashboard model whose panels query the provisioned Prometheus
 * datasource, the provisioning files point at the datasource and the dashboards as docker-compose.yml mounts them,
 * and the local and compose Prometheus configs scrape the same jobs. DashboardQueriesIT runs the queries.
 */
class GrafanaDashboardFilesTest {

    private static final Path REPO = Dashboards.repo();
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "bargauge", "table",
            "heatmap", "piechart", "text");

    @Test
    void everyDashboardIsAWellFormedGrafanaModel() throws IOException {
        List<Path> files = Dashboards.files(REPO);
        assertThat(files).as("dashboards in %s", Dashboards.DIRECTORY).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path file : files) {
            String name = REPO.relativize(file).toString();
            JsonNode dashboard;
            try {
                dashboard = Dashboards.JSON.readTree(Files.readString(file));
            } catch (RuntimeException e) {
                problems.add(name + ": not JSON: " + e.getMessage());
                continue;
            }
            problems.addAll(dashboardProblems(name, dashboard));
            if (!uids.add(dashboard.path("uid").asString(""))) {
                problems.add(name + ": uid " + dashboard.path("uid").asString("") + " used by another dashboard");
            }
            if (!titles.add(dashboard.path("title").asString(""))) {
                problems.add(name + ": title " + dashboard.path("title").asString("") + " used by another dashboard");
            }
        }
        assertThat(problems).as("problems in the dashboard files").isEmpty();
    }

    @Test
    void theConcurrencyModelsAndSystemHealthDashboardsExist() throws IOException {
        List<String> titles = new ArrayList<>();
        for (Path file : Dashboards.files(REPO)) {
            titles.add(Dashboards.JSON.readTree(Files.readString(file)).path("title").asString(""));
        }
        assertThat(titles).contains("Concurrency models", "System health");
    }

    @Test
    void provisioningNamesTheDatasourceAndTheDashboardsAsComposeMountsThem() throws IOException {
        Map<String, Object> datasources = yaml(REPO.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        List<Map<String, Object>> sources = list(datasources.get("datasources"));
        assertThat(sources).as("provisioned datasources").anySatisfy(source -> {
            assertThat(source.get("uid")).isEqualTo(Dashboards.DATASOURCE_UID);
            assertThat(source.get("type")).isEqualTo("prometheus");
            assertThat(String.valueOf(source.get("url"))).startsWith("http://prometheus:9090");
        });

        Map<String, Object> compose = yaml(REPO.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("prometheus", "grafana", "kafka", "gateway", "worker-threads",
                "worker-virtual", "worker-processes", "worker-async", "target");
        Map<String, String> grafanaMounts = mounts(map(services.get("grafana")));
        String dashboardsInContainer = grafanaMounts.get("./deploy/grafana/dashboards");
        assertThat(dashboardsInContainer).as("where compose mounts deploy/grafana/dashboards").isNotNull();
        assertThat(grafanaMounts).containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");

        Map<String, Object> provider = yaml(REPO.resolve("deploy/grafana/provisioning/dashboards/jobmesh.yml"));
        List<Map<String, Object>> providers = list(provider.get("providers"));
        assertThat(providers).hasSize(1);
        assertThat(providers.getFirst().get("type")).isEqualTo("file");
        assertThat(map(providers.getFirst().get("options")).get("path")).isEqualTo(dashboardsInContainer);

        Map<String, String> prometheusMounts = mounts(map(services.get("prometheus")));
        assertThat(prometheusMounts).containsEntry("./deploy/prometheus/prometheus-compose.yml",
                "/etc/prometheus/prometheus.yml");
        Map<String, Object> published = map(yaml(REPO.resolve("docker-compose.override.yml")).get("services"));
        for (String service : List.of("prometheus", "grafana")) {
            assertThat(map(services.get(service))).as(service).containsKey("healthcheck");
            assertThat(list(map(published.get(service)).get("ports")).toString()).as(service + " ports")
                    .startsWith("[127.0.0.1:");
        }
    }

    @Test
    void localAndComposePrometheusConfigsScrapeTheSameJobs() throws IOException {
        Map<String, String> local = Dashboards.scrapeJobs(REPO.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, String> compose = Dashboards.scrapeJobs(REPO.resolve("deploy/prometheus/prometheus-compose.yml"));
        assertThat(local.keySet()).containsExactlyInAnyOrder("gateway", "worker-threads", "worker-virtual",
                "worker-processes", "worker-async", "prometheus");
        assertThat(compose.keySet()).isEqualTo(local.keySet());
        local.forEach((job, target) -> assertThat(target).as(job).startsWith("127.0.0.1:"));
        assertThat(compose.get("gateway")).isEqualTo("gateway:8081");
        assertThat(compose.get("worker-async")).isEqualTo("worker-async:8184");
    }

    @Test
    void everyJobADashboardSelectsIsScraped() throws IOException {
        Set<String> jobs = Dashboards.scrapeJobs(REPO.resolve("deploy/prometheus/prometheus.yml")).keySet();
        List<String> problems = new ArrayList<>();
        for (Dashboards.Query query : Dashboards.queries(REPO)) {
            for (String regex : Dashboards.labelMatchers(query.expr(), "job")) {
                if (regex.contains("$")) {
                    continue;
                }
                if (jobs.stream().noneMatch(job -> job.matches(regex))) {
                    problems.add(query + ": job=~\"" + regex + "\" matches no scrape job of " + jobs);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> dashboardProblems(String name, JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        if (!dashboard.isObject()) {
            return List.of(name + ": not a JSON object");
        }
        String uid = dashboard.path("uid").asString("");
        if (!UID.matcher(uid).matches()) {
            problems.add(name + ": uid '" + uid + "' is not 1-40 letters, digits, - or _");
        }
        if (dashboard.path("title").asString("").isBlank()) {
            problems.add(name + ": no title");
        }
        if (!dashboard.path("schemaVersion").isIntegralNumber() || dashboard.path("schemaVersion").asInt() < 36) {
            problems.add(name + ": schemaVersion missing or below 36 (Grafana 9+)");
        }
        if (dashboard.has("id") && !dashboard.get("id").isNull()) {
            problems.add(name + ": has an id; provisioned dashboards are identified by uid only (use null)");
        }
        Set<String> variables = new LinkedHashSet<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String variableName = variable.path("name").asString("");
            variables.add(variableName);
            if ("query".equals(variable.path("type").asString(""))
                    && !Dashboards.DATASOURCE_UID.equals(variable.path("datasource").path("uid").asString(""))) {
                problems.add(name + ": variable " + variableName + " does not query datasource uid "
                        + Dashboards.DATASOURCE_UID);
            }
        }
        List<JsonNode> panels = Dashboards.panels(dashboard);
        if (panels.stream().noneMatch(p -> !"row".equals(p.path("type").asString("")))) {
            problems.add(name + ": no panels");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String where = name + " panel '" + panel.path("title").asString("") + "'";
            if (!panel.path("id").isIntegralNumber() || !ids.add(panel.path("id").asInt())) {
                problems.add(where + ": id missing or not unique");
            }
            if (panel.path("title").asString("").isBlank()) {
                problems.add(where + ": no title");
            }
            JsonNode grid = panel.path("gridPos");
            for (String field : List.of("x", "y", "w", "h")) {
                if (!grid.path(field).isIntegralNumber()) {
                    problems.add(where + ": gridPos." + field + " missing");
                }
            }
            if (grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(where + ": wider than the 24-column grid");
            }
            String type = panel.path("type").asString("");
            if ("row".equals(type)) {
                continue;
            }
            if (!PANEL_TYPES.contains(type)) {
                problems.add(where + ": type '" + type + "' is not one of " + PANEL_TYPES);
            }
            if (!Dashboards.DATASOURCE_UID.equals(panel.path("datasource").path("uid").asString(""))
                    || !"prometheus".equals(panel.path("datasource").path("type").asString(""))) {
                problems.add(where + ": datasource is not {type: prometheus, uid: " + Dashboards.DATASOURCE_UID + "}");
            }
            JsonNode targets = panel.path("targets");
            if (!targets.isArray() || targets.isEmpty()) {
                problems.add(where + ": no targets");
                continue;
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : targets) {
                String refId = target.path("refId").asString("");
                if (refId.isBlank() || !refIds.add(refId)) {
                    problems.add(where + ": target refId '" + refId + "' missing or repeated");
                }
                String expr = target.path("expr").asString("");
                if (expr.isBlank()) {
                    problems.add(where + " target " + refId + ": no expr");
                    continue;
                }
                JsonNode datasource = target.path("datasource");
                if (!datasource.isMissingNode() && !Dashboards.DATASOURCE_UID.equals(datasource.path("uid").asString(""))) {
                    problems.add(where + " target " + refId + ": datasource uid is not " + Dashboards.DATASOURCE_UID);
                }
                if (!balanced(expr)) {
                    problems.add(where + " target " + refId + ": unbalanced brackets or quotes: " + expr);
                }
                for (String used : Dashboards.variablesIn(expr)) {
                    if (!used.startsWith("__") && !variables.contains(used)) {
                        problems.add(where + " target " + refId + ": uses $" + used + ", not a dashboard variable");
                    } else if (used.startsWith("__") && !Dashboards.BUILT_INS.containsKey(used)) {
                        problems.add(where + " target " + refId + ": uses $" + used
                                + "; DashboardQueriesIT knows only " + Dashboards.BUILT_INS.keySet());
                    }
                }
                for (String regex : Dashboards.labelMatchers(expr.replaceAll("\\$\\{?\\w+}?", ".*"), "")) {
                    try {
                        Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        problems.add(where + " target " + refId + ": bad regex " + regex);
                    }
                }
            }
        }
        return problems;
    }

    /** Brackets nest and close, outside double-quoted strings; strings close. */
    private static boolean balanced(String expr) {
        Brackets stack = new Brackets();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '[', '{' -> stack.push(c);
                case ')' -> { if (stack.pop() != '(') return false; }
                case ']' -> { if (stack.pop() != '[') return false; }
                case '}' -> { if (stack.pop() != '{') return false; }
                default -> { }
            }
        }
        return !quoted && stack.isEmpty();
    }

    private static final class Brackets {
        private final StringBuilder chars = new StringBuilder();

        void push(char c) {
            chars.append(c);
        }

        char pop() {
            if (chars.isEmpty()) {
                return 0;
            }
            char c = chars.charAt(chars.length() - 1);
            chars.setLength(chars.length() - 1);
            return c;
        }

        boolean isEmpty() {
            return chars.isEmpty();
        }
    }

    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(service.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object yaml) {
        assertThat(yaml).isInstanceOf(List.class);
        return (List<T>) yaml;
    }

    /**
     * The dashboards' queries, shared with DashboardQueriesIT: where the files are, every panel target and
     * template variable query, and how to make one evaluable by Prometheus (Grafana's variables replaced).
     */
    static final class Dashboards {

        static final String DIRECTORY = "deploy/grafana/dashboards";
        static final String DATASOURCE_UID = "prometheus";
        static final JsonMapper JSON = JsonMapper.builder().build();
        /** Grafana's built-in variables the queries may use, and what DashboardQueriesIT puts in their place. */
        static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "10s",
                "__range", "5m");
        private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
        private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.+),\\s*(\\w+)\\s*\\)\\s*$");

        /** One PromQL expression of a dashboard: a panel target's, or a template variable's. */
        record Query(String dashboard, String panel, String refId, String expr) {
            @Override
            public String toString() {
                return dashboard + " / " + panel + " / " + refId;
            }
        }

        private Dashboards() {
        }

        /** The repository root: the failsafe property jobmesh.repo, else the nearest parent with deploy/grafana. */
        static Path repo() {
            String configured = System.getProperty("jobmesh.repo");
            if (configured != null) {
                return Path.of(configured).toAbsolutePath().normalize();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(DIRECTORY))) {
                    return dir;
                }
            }
            throw new IllegalStateException("no " + DIRECTORY + " above " + Path.of("").toAbsolutePath());
        }

        static List<Path> files(Path repo) throws IOException {
            try (Stream<Path> files = Files.list(repo.resolve(DIRECTORY))) {
                return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            }
        }

        /** Every panel, rows' nested panels included. */
        static List<JsonNode> panels(JsonNode dashboard) {
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                all.add(panel);
                for (JsonNode nested : panel.path("panels")) {
                    all.add(nested);
                }
            }
            return all;
        }

        /** Every panel target's expr of every dashboard. */
        static List<Query> queries(Path repo) throws IOException {
            List<Query> queries = new ArrayList<>();
            for (Path file : files(repo)) {
                JsonNode dashboard = JSON.readTree(Files.readString(file));
                for (JsonNode panel : panels(dashboard)) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.add(new Query(dashboard.path("title").asString(), panel.path("title").asString(),
                                target.path("refId").asString(), target.path("expr").asString()));
                    }
                }
            }
            return queries;
        }

        /** Template variables' label_values(selector, label) queries, as count by (label) (selector). */
        static List<Query> variableQueries(Path repo) throws IOException {
            List<Query> queries = new ArrayList<>();
            for (Path file : files(repo)) {
                JsonNode dashboard = JSON.readTree(Files.readString(file));
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    if (!"query".equals(variable.path("type").asString(""))) {
                        continue;
                    }
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asString("") : query.asString("");
                    Matcher labelValues = LABEL_VALUES.matcher(text);
                    String expr = labelValues.matches()
                            ? "count by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")"
                            : text;
                    queries.add(new Query(dashboard.path("title").asString(), "variable $" + variable.path("name")
                            .asString(), "query", expr));
                }
            }
            return queries;
        }

        /** Names of the variables an expression uses: $name, ${name}, ${name:format}, [[name]]. */
        static Set<String> variablesIn(String expr) {
            Set<String> names = new LinkedHashSet<>();
            Matcher matcher = VARIABLE.matcher(expr);
            while (matcher.find()) {
                names.add(Objects.requireNonNullElse(matcher.group(1),
                        Objects.requireNonNullElse(matcher.group(2), matcher.group(3))));
            }
            return names;
        }

        /**
         * The expression as Prometheus can run it: built-in variables replaced by fixed values, every dashboard
         * variable by ".*" - its "All" value, which the dashboards' variables use as allValue.
         */
        static String evaluable(String expr) {
            Matcher matcher = VARIABLE.matcher(expr);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = Objects.requireNonNullElse(matcher.group(1),
                        Objects.requireNonNullElse(matcher.group(2), matcher.group(3)));
                matcher.appendReplacement(out, Matcher.quoteReplacement(BUILT_INS.getOrDefault(name, ".*")));
            }
            return matcher.appendTail(out).toString();
        }

        /** The values of label matchers on the given label (any label when blank): job="x" gives x, job=~"a|b" a|b. */
        static List<String> labelMatchers(String expr, String label) {
            String name = label.isBlank() ? "\\w+" : Pattern.quote(label);
            Matcher matcher = Pattern.compile("\\b" + name + "\\s*(=~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(expr);
            List<String> values = new ArrayList<>();
            while (matcher.find()) {
                String value = matcher.group(2).replace("\\\\", "\\");
                values.add("=".equals(matcher.group(1)) ? Pattern.quote(value) : value);
            }
            return values;
        }

        /** A Prometheus config's scrape jobs and each one's first target. */
        static Map<String, String> scrapeJobs(Path config) throws IOException {
            Map<String, String> jobs = new LinkedHashMap<>();
            for (Map<String, Object> job : GrafanaDashboardFilesTest.<Map<String, Object>>list(
                    yaml(config).get("scrape_configs"))) {
                List<Map<String, Object>> statics = list(job.get("static_configs"));
                List<String> targets = list(statics.getFirst().get("targets"));
                jobs.put(String.valueOf(job.get("job_name")), targets.getFirst());
            }
            return jobs;
        }
    }
}
