package dev.jobmesh.gateway.api;

import java.time.Instant;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The answer to an accepted job: it is durably in Kafka (for a repeated Idempotency-Key, its status now). */
@Schema(description = "An accepted job, durably in Kafka")
public record JobAccepted(
        @Schema(example = "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10") String id,
        @Schema(example = "QUEUED") JobStatus status,
        @Schema(example = "sleep") String type,
        @Schema(example = "threads") String model,
        @Nullable Instant submittedAt) {

    static JobAccepted of(Job job) {
        return new JobAccepted(job.id(), JobStatus.QUEUED, job.type(), job.model().id(), job.submittedAt());
    }

    static JobAccepted of(JobState state) {
        return new JobAccepted(state.id(), state.status(), state.type(), state.model().id(), state.submittedAt());
    }
}
