package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The jobs asked for, in request order, and the ids no job has. */
@Schema(description = "The jobs found, in the order asked, and the ids of none")
public record StatusPage(List<JobResponse> jobs, @Schema(description = "Ids no job has") List<String> missing) {
}
