package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Many jobs submitted together, accepted whole or not at all. */
@Schema(description = "Up to 10,000 jobs, accepted whole or not at all")
public record BatchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<JobRequest> jobs) {
}
