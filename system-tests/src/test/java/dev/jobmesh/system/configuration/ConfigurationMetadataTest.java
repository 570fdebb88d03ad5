package dev.jobmesh.system.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code jobmesh.*} setting of every service is in Spring Boot's configuration metadata - what IDEs complete
 * and document - with a description, and with its default where it has a fixed one; and that default is the one
 * the service really binds.
 */
class ConfigurationMetadataTest {

    /** Settings without which a service does not start; given in every bind below. */
    private static final Map<String, String> REQUIRED = Map.of("jobmesh.worker.model", "threads");

    private static final Map<String, JsonNode> properties = new LinkedHashMap<>();
    private static final Map<String, Class<?>> groups = new LinkedHashMap<>();

    @BeforeAll
    static void readMetadata() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = json.readTree(in);
                for (JsonNode group : metadata.path("groups")) {
                    String name = group.get("name").asString();
                    if (name.startsWith("jobmesh.") && !group.has("sourceMethod")) {
                        Class<?> type = Class.forName(group.get("type").asString());
                        if (type.isAnnotationPresent(ConfigurationProperties.class)) {
                            groups.put(name, type);
                        }
                    }
                }
                for (JsonNode property : metadata.path("properties")) {
                    String name = property.get("name").asString();
                    if (name.startsWith("jobmesh.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
    }

    @Test
    void everySettingOfEveryServiceIsListed() {
        assertThat(groups.keySet()).contains("jobmesh.kafka", "jobmesh.dispatch", "jobmesh.retry", "jobmesh.worker",
                "jobmesh.workloads", "jobmesh.gateway", "jobmesh.gateway.submit", "jobmesh.gateway.view",
                "jobmesh.threads", "jobmesh.processes", "jobmesh.async");
        List<String> expected = new ArrayList<>();
        groups.forEach((prefix, type) -> settingsOf(prefix, type, expected));
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(new TreeSet<>(expected));
    }

    @Test
    void everySettingIsDescribedAndHasItsDefaultOrSaysHowItIsChosen() {
        properties.forEach((name, property) -> {
            String description = property.path("description").asString("");
            assertThat(description).as("description of %s", name).isNotBlank();
            if (!property.has("defaultValue")) {
                assertThat(description).as("%s has no fixed default, so its description says what happens", name)
                        .containsAnyOf("Defaults to", "Unset", "Required");
            }
        });
    }

    @Test
    void everyListedDefaultIsTheDefaultTheServicesBind() {
        properties.forEach((name, property) -> {
            if (!property.has("defaultValue")) {
                return;
            }
            String prefix = groups.keySet().stream().filter(p -> name.startsWith(p + "."))
                    .max((a, b) -> a.length() - b.length()).orElseThrow();
            Class<?> type = groups.get(prefix);
            JsonNode value = property.get("defaultValue");
            String text = value.isArray() ? String.join(",", value.valueStream().map(JsonNode::asString).toList())
                    : value.asString();
            Map<String, String> set = new HashMap<>(REQUIRED);
            set.put(name, text);
            assertThat(bind(prefix, type, set)).as("%s bound with its listed default %s", name, text)
                    .isEqualTo(bind(prefix, type, REQUIRED));
        });
    }

    private static Object bind(String prefix, Class<?> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
    }

    /** The settings a record binds: one per component, nested records' components under their own prefix. */
    private static void settingsOf(String prefix, Class<?> type, List<String> into) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getName().startsWith("dev.jobmesh.")) {
                settingsOf(name, componentType, into);
            } else {
                into.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void invalidSettingsStopTheServiceWithAMessageNamingTheSetting() throws IOException {
        Map<String, String> invalid = Map.ofEntries(
                Map.entry("jobmesh.dispatch.max-in-flight", "0"),
                Map.entry("jobmesh.retry.multiplier", "0.5"),
                Map.entry("jobmesh.retry.jitter", "2"),
                Map.entry("jobmesh.kafka.partitions", "0"),
                Map.entry("jobmesh.gateway.submit.default-max-attempts", "0"),
                Map.entry("jobmesh.gateway.view.sweep-interval", "0s"),
                Map.entry("jobmesh.threads.pool-size", "0"),
                Map.entry("jobmesh.processes.heartbeat-timeout", "1s"),
                Map.entry("jobmesh.async.loop-threads", "0"),
                Map.entry("jobmesh.workloads.http.request-timeout", "0s"),
                Map.entry("jobmesh.processes.max-restart-delay", "100ms"));
        invalid.forEach((name, value) -> {
            String prefix = groups.keySet().stream().filter(p -> name.startsWith(p + "."))
                    .max((a, b) -> a.length() - b.length()).orElseThrow();
            Map<String, String> settings = new HashMap<>(REQUIRED);
            settings.put(name, value);
            Throwable failure = null;
            try {
                bind(prefix, groups.get(prefix), settings);
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).as("%s=%s", name, value).isNotNull();
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).as("%s=%s", name, value).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
        });
    }
}
