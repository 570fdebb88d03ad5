package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The API keys in the OpenAPI document: two ways to send one (a bearer token or the X-Api-Key header), required by
 * every operation, which can each answer 401; the dead-letter operations, which need an admin key, 403 as well.
 */
final class ApiSecurityDocument implements OpenApiCustomizer {

    static final String BEARER = "apiKeyBearer";
    static final String HEADER = "apiKeyHeader";

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents();
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key as a bearer token: Authorization: Bearer <key>"));
        components.addSecuritySchemes(HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Api-Key").description("The same key in a header of its own"));
        // either scheme will do: two requirements, each alone
        api.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(HEADER)));
        api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.readOperations().forEach(operation -> {
                operation.getResponses().addApiResponse("401",
                        new ApiResponse().$ref(ProblemRefs.PREFIX + ProblemResponses.UNAUTHORIZED));
                if (path.startsWith("/api/dead-letters")) {
                    operation.getResponses().addApiResponse("403",
                            new ApiResponse().$ref(ProblemRefs.PREFIX + ProblemResponses.FORBIDDEN));
                }
            });
        });
    }
}
