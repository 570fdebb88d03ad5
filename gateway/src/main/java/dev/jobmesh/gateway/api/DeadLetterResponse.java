package dev.jobmesh.gateway.api;

import java.time.Instant;
import java.util.List;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.JobAttempt;
import dev.jobmesh.core.job.JobError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A job that failed for good, or a record that could not be read. */
@Schema(description = "A dead letter: a job that failed for good (with every run), or an unreadable record")
public record DeadLetterResponse(
        @Schema(example = "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10") String id,
        @Schema(description = "The job as it last ran; null for an unreadable record") @Nullable JobRequestView job,
        JobError error,
        @Schema(description = "Every run, oldest first") List<JobAttempt> history,
        @Schema(example = "threads@host:4242") String worker,
        Instant failedAt,
        @Schema(description = "The unreadable record; null for a job") DeadLetter.@Nullable RawRecord raw,
        @Schema(description = "Whether POST /api/dead-letters/{id}/replay can run it again") boolean replayable) {

    /** The parts of a dead job a client sent. */
    public record JobRequestView(String type, String model, java.util.Map<String, Object> params, int maxAttempts,
                                 @Schema(description = "Its own time limit of one run; null: the workload's")
                                 @Nullable Long timeoutMs) {
    }

    static DeadLetterResponse of(DeadLetter letter) {
        JobRequestView job = letter.job() == null ? null : new JobRequestView(letter.job().type(),
                letter.job().model().id(), letter.job().params(), letter.job().maxAttempts(), letter.job().timeoutMs());
        return new DeadLetterResponse(letter.id(), job, letter.error(), letter.history(), letter.worker(),
                letter.failedAt(), letter.raw(), letter.job() != null);
    }
}
