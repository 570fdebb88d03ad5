package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The ids of jobs whose status a client wants in one request. */
@Schema(description = "Up to 10,000 job ids", example = "{\"ids\": [\"5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10\"]}")
public record StatusQuery(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> ids) {
}
