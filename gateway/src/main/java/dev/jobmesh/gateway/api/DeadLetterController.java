package dev.jobmesh.gateway.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.workload.FieldViolation;
import dev.jobmesh.gateway.GatewayIdentity;
import dev.jobmesh.gateway.status.StatusView;
import dev.jobmesh.gateway.submit.JobSubmitter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Jobs that failed for good: list them, and run one again. */
@RestController
@RequestMapping("/api/dead-letters")
@Tag(name = "dead letters", description = "Jobs that failed after their last attempt, and unreadable records")
class DeadLetterController {

    private static final int MAX_PAGE = 1000;

    private final StatusView view;
    private final JobSubmitter submitter;
    private final Clock clock;

    private final String gatewayId;

    DeadLetterController(StatusView view, JobSubmitter submitter, GatewayIdentity identity) {
        this.view = view;
        this.submitter = submitter;
        this.clock = Clock.systemUTC();
        this.gatewayId = identity.id();
    }

    @Operation(summary = "List dead letters",
            description = "Kept for jobmesh.kafka.dead-letter-retention (default 7 days), in id order.")
    @ApiResponse(responseCode = "200", description = "A page of dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DeadLetterPage.class),
                    examples = @ExampleObject(value = ApiExamples.DEAD_LETTERS)))
    @ProblemRefs.NumberParameters
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DeadLetterPage list(
            @Parameter(description = "Most letters to return, 1..1000") @RequestParam(defaultValue = "100") Integer limit,
            @Parameter(description = "Return letters after this id (the previous page's next)")
            @RequestParam(required = false) String after) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException(List.of(new FieldViolation("limit", "must be between 1 and " + MAX_PAGE)));
        }
        RequestAwait.result(view.catchUp());
        List<DeadLetter> letters = view.deadLetters(after, limit + 1);
        boolean more = letters.size() > limit;
        List<DeadLetter> page = more ? letters.subList(0, limit) : letters;
        return new DeadLetterPage(page.size(), page.stream().map(DeadLetterResponse::of).toList(),
                more ? page.getLast().id() : null);
    }

    @Operation(summary = "Run a dead job again",
            description = "Queues the job again under the same id with its attempts reset, and removes its dead "
                    + "letter, in one Kafka transaction. A replayed job's new outcome replaces the old one. "
                    + "Replaying it again afterwards finds no dead letter (404), so a replay queues the job once.")
    @ApiResponse(responseCode = "202", description = "Queued again",
            headers = @Header(name = "Location", description = "/api/jobs/{id}",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobAccepted.class),
                    examples = @ExampleObject(value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "404", ref = ProblemRefs.PREFIX + ProblemResponses.DEAD_LETTER_NOT_FOUND)
    @ApiResponse(responseCode = "422", ref = ProblemRefs.PREFIX + ProblemResponses.INVALID_REQUEST)
    @ProblemRefs.KafkaWrite
    @PostMapping(path = "/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobAccepted> replay(@PathVariable String id) {
        // Catch up first, so a replay that another instance (or this one) already did is seen as gone.
        RequestAwait.result(view.catchUp());
        DeadLetter letter = view.deadLetter(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        if (letter.job() == null) {
            throw new InvalidRequestException(List.of(new FieldViolation("id",
                    "is an unreadable record from " + letter.raw().topic() + ", not a job; it cannot run")));
        }
        Job again = letter.job().replay(clock.instant(), gatewayId);
        RequestAwait.result(submitter.replay(again));
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + again.id())).body(JobAccepted.of(again));
    }
}
