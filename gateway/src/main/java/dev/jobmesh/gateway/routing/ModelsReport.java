package dev.jobmesh.gateway.routing;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** What {@code GET /api/models} answers: each model's figures over the window, per workload type. */
@Schema(description = "Each model's figures over the sliding window, per workload type, as model auto sees them")
public record ModelsReport(
        @Schema(description = "Length of the window the rates and times are over, in seconds", example = "60")
        long windowSeconds,
        @Schema(description = "When the figures were taken") Instant at,
        List<ModelFigures> models) {

    /** One model's figures. */
    @Schema(description = "One concurrency model")
    public record ModelFigures(
            @Schema(example = "async") String model,
            @Schema(description = "Whether a worker of the model is in its consumer group; auto never chooses a model "
                    + "that is not") boolean ready,
            @Schema(description = "Workers in the model's consumer group; null when Kafka could not be read")
            @Nullable Integer consumers,
            @Schema(description = "Jobs on the model's topic its consumer group has not committed (queued or running "
                    + "there); null when Kafka could not be read") @Nullable Long consumerLag,
            @Schema(description = "Jobs of every type finished per second within the window") double completedPerSecond,
            List<TypeFigures> types) {
    }

    /** One model's figures for one workload type. */
    @Schema(description = "One model's figures for one workload type")
    public record TypeFigures(
            @Schema(example = "sleep") String type,
            @Schema(description = "Jobs finished per second within the window") double completedPerSecond,
            @Schema(description = "Share of the jobs finished within the window that FAILED; null when none finished")
            @Nullable Double failureRate,
            @Schema(description = "Jobs running now, as their status events tell") long inFlight,
            @Schema(description = "From submission to the start of the run that finished") Times queueWaitMs,
            @Schema(description = "From the start of the run that finished to its end") Times executionMs) {
    }

    /** A time's median and 99th percentile, in milliseconds; null when no job had it. */
    @Schema(description = "Median and 99th percentile in milliseconds; null when no job finished within the window")
    public record Times(@Nullable Double p50, @Nullable Double p99) {
    }
}
