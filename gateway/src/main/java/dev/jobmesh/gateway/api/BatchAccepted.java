package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to an accepted batch: every job is durably in Kafka, ids in request order. */
@Schema(description = "An accepted batch; ids in the order of the request's jobs")
public record BatchAccepted(@Schema(example = "2") int count,
                            @Schema(example = "[\"5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10\", \"0b6a1f6e-8c1d-4d2e-8a59-6a1b2c3d4e5f\"]")
                            List<String> ids) {
}
