package dev.jobmesh.gateway.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One page of dead letters in id order; pass {@code next} as {@code after} for the following page. */
@Schema(description = "Dead letters in id order")
public record DeadLetterPage(@Schema(example = "1") int count, List<DeadLetterResponse> deadLetters,
                             @Schema(description = "The id to pass as 'after' for the next page; null on the last")
                             @Nullable String next) {
}
