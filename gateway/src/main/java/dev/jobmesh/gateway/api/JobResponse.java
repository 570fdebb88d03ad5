package dev.jobmesh.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobError;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.Routing;
import dev.jobmesh.core.job.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A job as the view knows it. */
@Schema(description = "A job's status, result or error, and timings")
public record JobResponse(
        @Schema(example = "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10") String id,
        @Schema(example = "SUCCEEDED") JobStatus status,
        @Schema(example = "cpu") String type,
        @Schema(example = "threads") String model,
        @Schema(description = "For a job submitted with model auto: the model chosen, why (fastest, explore or "
                + "cold-start), and each ready model's expected completion time in ms for the job's type then; null "
                + "for a job given its model") @Nullable Routing routing,
        @Schema(example = "{\"limit\": 200000}") Map<String, Object> params,
        @Schema(description = "The workload's result once SUCCEEDED", example = "{\"primes\": 17984}")
        @Nullable Map<String, Object> result,
        @Schema(description = "Why it FAILED or was CANCELLED, or why the last run failed while QUEUED for a retry")
        @Nullable JobError error,
        @Schema(description = "The worker instance that ran it last", example = "threads@host:4242") @Nullable String worker,
        @Schema(description = "Runs so far", example = "1") int attempts,
        @Nullable Instant submittedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Schema(description = "While QUEUED for a retry: when the next run may start") @Nullable Instant notBefore,
        @Schema(description = "The name of the API key that submitted it; null where the gateway checks no keys",
                example = "local") @Nullable String owner,
        @Schema(description = "Finished runs, oldest first, each with its error if it failed") List<JobAttempt> history) {

    static JobResponse of(JobState state) {
        return new JobResponse(state.id(), state.status(), state.type(), state.model() == null ? null : state.model().id(),
                state.routing(), state.params(), state.result(), state.error(), state.worker(), state.attempts(), state.submittedAt(),
                state.startedAt(), state.finishedAt(), state.notBefore(), state.owner(), state.history());
    }
}
