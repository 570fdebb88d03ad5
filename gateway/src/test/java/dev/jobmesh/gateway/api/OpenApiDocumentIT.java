package dev.jobmesh.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jobmesh.gateway.GatewayApplication;
import dev.jobmesh.testsupport.ApiClient;
import dev.jobmesh.testsupport.ServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the gateway serves describes every endpoint, status code and problem type it has. */
class OpenApiDocumentIT {

    @RegisterExtension
    static final ServiceExtension gateway = ServiceExtension.of(GatewayApplication.class, "gateway")
            .with("management.server.port", "0");

    /** Every operation can also answer 401 (no key or a wrong one); those needing an admin key, 403; submissions 429. */
    private static final Map<String, Set<String>> EXPECTED_STATUSES = Map.of(
            "post /api/jobs", Set.of("200", "202", "400", "401", "413", "415", "422", "429", "503"),
            "post /api/jobs/batch", Set.of("200", "202", "400", "401", "413", "415", "422", "429", "503"),
            "get /api/jobs/{id}", Set.of("200", "400", "401", "404", "422"),
            "delete /api/jobs/{id}", Set.of("202", "401", "404", "409", "503"),
            "post /api/jobs/statuses", Set.of("200", "400", "401", "413", "415", "422"),
            "get /api/dead-letters", Set.of("200", "400", "401", "403", "422"),
            "post /api/dead-letters/{id}/replay", Set.of("202", "401", "403", "404", "422", "503"),
            "get /api/models", Set.of("200", "401"));

    private JsonNode document() {
        ApiClient.Response response = gateway.service().api().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        try {
            // kept for linters: npx @redocly/cli lint gateway/target/openapi.json
            Files.writeString(Path.of("target", "openapi.json"), response.raw().body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.body();
    }

    @Test
    void describesEveryApiEndpointTheGatewayServes() {
        RequestMappingHandlerMapping mapping = gateway.service().context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> served = new HashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name().toLowerCase() + " " + path));
                }
            }
        }
        Set<String> documented = new HashSet<>();
        document().get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey() + " " + path.getKey())));
        assertThat(documented).isEqualTo(served);
        assertThat(served).isEqualTo(EXPECTED_STATUSES.keySet());
    }

    @Test
    void documentsEveryStatusCodeWithAnExample() {
        JsonNode document = document();
        JsonNode paths = document.get("paths");
        EXPECTED_STATUSES.forEach((operation, statuses) -> {
            String[] parts = operation.split(" ");
            JsonNode responses = paths.get(parts[1]).get(parts[0]).get("responses");
            Set<String> codes = new HashSet<>();
            responses.properties().forEach(e -> codes.add(e.getKey()));
            assertThat(codes).as(operation).isEqualTo(statuses);
            responses.properties().forEach(e -> {
                JsonNode response = resolve(document, e.getValue());
                JsonNode content = response.get("content");
                assertThat(content).as("%s %s content", operation, e.getKey()).isNotNull();
                boolean problem = e.getKey().charAt(0) != '2';
                JsonNode media = content.get(problem ? "application/problem+json" : "application/json");
                assertThat(media).as("%s %s media type", operation, e.getKey()).isNotNull();
                // One unnamed example is written as "example", named ones under "examples".
                List<JsonNode> examples = new ArrayList<>();
                if (media.has("examples")) {
                    media.get("examples").properties().forEach(named -> examples.add(named.getValue().get("value")));
                } else if (media.has("example")) {
                    examples.add(media.get("example"));
                }
                assertThat(examples).as("%s %s examples", operation, e.getKey()).isNotEmpty();
                for (JsonNode example : examples) {
                    if (example.isString()) {
                        example = JsonMapper.builder().build().readTree(example.asString());
                    }
                    if (problem) {
                        assertThat(example.get("status").asInt()).as("%s %s example", operation, e.getKey())
                                .isEqualTo(Integer.parseInt(e.getKey()));
                        assertThat(problemTypes()).contains(example.get("type").asString());
                    }
                }
            });
        });
    }

    @Test
    void problemResponsesAreDeclaredOnceAndReferenced() {
        JsonNode document = document();
        JsonNode declared = document.get("components").get("responses");
        assertThat(declared.propertyNames()).contains("MalformedRequest", "BodyTooLarge", "UnsupportedMediaType",
                "InvalidRequest", "JobNotFound", "JobFinished", "DeadLetterNotFound", "KafkaUnavailable", "Unauthorized",
                "Forbidden", "RateLimited");
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().get("responses").properties().forEach(response -> {
                    if (response.getKey().charAt(0) != '2') {
                        assertThat(response.getValue().has("$ref")).as("%s %s %s", op.getKey(), path.getKey(),
                                response.getKey()).isTrue();
                    }
                })));
        JsonNode problem = document.get("components").get("schemas").get("ProblemDetail").get("properties");
        assertThat(problem.get("type").get("format").asString()).isEqualTo("uri-reference");
        assertThat(problem.get("instance").get("format").asString()).isEqualTo("uri-reference");
        assertThat(problem.has("errors")).isTrue();
        assertThat(problem.has("errorCount")).isTrue();
    }

    private static JsonNode resolve(JsonNode document, JsonNode response) {
        if (!response.has("$ref")) {
            return response;
        }
        String name = response.get("$ref").asString().substring("#/components/responses/".length());
        return document.get("components").get("responses").get(name);
    }

    @Test
    void everyOperationRequiresAnApiKeyByEitherScheme() {
        JsonNode document = document();
        JsonNode schemes = document.get("components").get("securitySchemes");
        assertThat(schemes.get("apiKeyBearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("apiKeyHeader").get("name").asString()).isEqualTo("X-Api-Key");
        assertThat(document.get("security").toString()).contains("apiKeyBearer", "apiKeyHeader");
        JsonNode challenge = document.get("components").get("responses").get("Unauthorized").get("headers");
        assertThat(challenge.has("WWW-Authenticate")).isTrue();
    }

    @Test
    void describesEveryProblemType() {
        String description = document().get("info").get("description").asString();
        for (String type : problemTypes()) {
            assertThat(description).contains(type);
        }
    }

    @Test
    void examplesAreValidJson() {
        JsonMapper json = JsonMapper.builder().build();
        for (Field field : ApiExamples.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    field.setAccessible(true);
                    assertThat(json.readTree((String) field.get(null)).isObject()).as(field.getName()).isTrue();
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static List<String> problemTypes() {
        List<String> types = new ArrayList<>();
        for (Field field : ProblemTypes.class.getFields()) {
            try {
                types.add(((URI) field.get(null)).toString());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return types;
    }
}
