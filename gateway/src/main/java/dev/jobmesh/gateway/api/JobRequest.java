package dev.jobmesh.gateway.api;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A job as a client submits it. */
@Schema(description = "A job to run", example = """
        {"type": "sleep", "model": "threads", "params": {"ms": 50}}""")
public record JobRequest(
        @Schema(description = "Workload: noop, sleep, http or cpu", example = "sleep", requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "Concurrency model: threads, virtual, processes or async; or auto, for the model "
                + "expected to finish the job first (GET /api/models shows the figures it decides on)", example = "threads",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String model,
        @Schema(description = "Workload parameters: sleep {ms: 0..60000, default 50}; cpu {limit: 0..5000000, "
                + "default 200000}; http {url: an allowlisted URL, default the bundled target}; noop none",
                example = "{\"ms\": 50}")
        Map<String, Object> params,
        @Schema(description = "Runs allowed before the job fails for good, 1..10 (default 3)", example = "3")
        Integer maxAttempts,
        @Schema(description = "Time limit of one run in ms, 1..3600000 (default: the workload's)", example = "30000")
        Long timeoutMs) {
}
