package dev.jobmesh.gateway.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobControl;
import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.workload.FieldViolation;
import dev.jobmesh.gateway.auth.ApiCaller;
import dev.jobmesh.gateway.limits.SubmissionLimiter;
import dev.jobmesh.gateway.status.StatusJson;
import dev.jobmesh.gateway.status.StatusView;
import dev.jobmesh.gateway.submit.IdempotentSubmitter;
import dev.jobmesh.gateway.submit.JobFactory;
import dev.jobmesh.gateway.submit.JobSubmitter;
import dev.jobmesh.gateway.submit.SubmitProperties;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submitting jobs and reading their status. */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "jobs", description = "Submit jobs and follow them to their outcome")
class JobController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final JobFactory jobs;
    private final JobSubmitter submitter;
    private final IdempotentSubmitter idempotent;
    private final StatusView view;
    private final SubmitProperties properties;
    private final ApiMetrics metrics;
    private final SubmissionLimiter limiter;
    private final Clock clock = Clock.systemUTC();
    private final StatusPageWriter pages = new StatusPageWriter();
    private final SnapshotOwners owners = new SnapshotOwners();

    JobController(JobFactory jobs, JobSubmitter submitter, IdempotentSubmitter idempotent, StatusView view,
                  SubmitProperties properties, ApiMetrics metrics, SubmissionLimiter limiter) {
        this.limiter = limiter;
        this.jobs = jobs;
        this.submitter = submitter;
        this.idempotent = idempotent;
        this.view = view;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "Submit a job",
            description = "Answers 202 only once Kafka has acknowledged the job (acks=all, in a transaction with its "
                    + "QUEUED status). A rejected job writes nothing to Kafka.")
    @ApiResponse(responseCode = "202", description = "Accepted: the job is durably in Kafka",
            headers = @Header(name = "Location", description = "/api/jobs/{id}",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobAccepted.class),
                    examples = @ExampleObject(value = ApiExamples.ACCEPTED)))
    @ApiResponse(responseCode = "200", description = "A repeated Idempotency-Key: the job it first submitted, as it "
            + "stands now (header Idempotent-Replayed: true); nothing new was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobAccepted.class),
                    examples = @ExampleObject(value = ApiExamples.REPEATED)))
    @ProblemRefs.JsonBody
    @ProblemRefs.KafkaWrite
    @ProblemRefs.Limited
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobAccepted> submit(
            @RequestBody JobRequest request,
            @Parameter(description = "Makes retrying the request safe: the same key within 24 h returns the job it "
                    + "first submitted; with a different body it is refused (422)")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @AuthenticationPrincipal ApiCaller caller) {
        List<FieldViolation> violations = new ArrayList<>();
        Job job = jobs.create(request.type(), request.model(), request.params(), request.maxAttempts(),
                request.timeoutMs(), caller.owner(), "", violations);
        checkKey(key, violations);
        if (job == null || !violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        limiter.acquire(caller, 1);
        if (key == null) {
            RequestAwait.result(submitter.submit(List.of(job)));
            return accepted(caller, job);
        }
        return switch (RequestAwait.result(idempotent.submit(scoped(caller, key), List.of(job)))) {
            case IdempotentSubmitter.Accepted a -> accepted(caller, a.jobs().getFirst());
            case IdempotentSubmitter.Repeated r -> ResponseEntity.ok()
                    .location(URI.create("/api/jobs/" + r.jobs().getFirst().id()))
                    .header("Idempotent-Replayed", "true")
                    .body(JobAccepted.of(r.jobs().getFirst()));
            case IdempotentSubmitter.Conflict c -> throw conflict(c);
        };
    }

    private ResponseEntity<JobAccepted> accepted(ApiCaller caller, Job job) {
        countAccepted(caller, 1);
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(JobAccepted.of(job));
    }

    /** Jobs written to Kafka: in all, and for the caller's key. */
    private void countAccepted(ApiCaller caller, int jobs) {
        metrics.accepted(jobs);
        limiter.accepted(caller, jobs);
    }

    /** Idempotency keys are per API key: the same key sent with two API keys names two jobs. */
    private static String scoped(ApiCaller caller, String key) {
        // names hold no ':', so owner:key is unambiguous; unchecked callers keep the key as it is
        return caller.owner() == null ? key : caller.owner() + ":" + key;
    }

    private static void checkKey(String key, List<FieldViolation> violations) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            violations.add(new FieldViolation(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
    }

    private static InvalidRequestException conflict(IdempotentSubmitter.Conflict conflict) {
        return new InvalidRequestException(List.of(new FieldViolation(IDEMPOTENCY_KEY, conflict.reason())));
    }

    @Operation(summary = "Submit up to 10,000 jobs at once",
            description = "All jobs are written in one Kafka transaction: the batch is accepted whole or not at all.")
    @ApiResponse(responseCode = "202", description = "Accepted: every job is durably in Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BatchAccepted.class),
                    examples = @ExampleObject(value = ApiExamples.BATCH_ACCEPTED)))
    @ApiResponse(responseCode = "200", description = "A repeated Idempotency-Key: the ids it first submitted "
            + "(header Idempotent-Replayed: true); nothing new was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BatchAccepted.class),
                    examples = @ExampleObject(value = ApiExamples.BATCH_ACCEPTED)))
    @ProblemRefs.JsonBody
    @ProblemRefs.KafkaWrite
    @ProblemRefs.Limited
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchAccepted> submitBatch(
            @RequestBody BatchRequest request,
            @Parameter(description = "Makes retrying the batch safe: the same key within 24 h returns the ids it "
                    + "first submitted; with a different body it is refused (422)")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @AuthenticationPrincipal ApiCaller caller) {
        List<FieldViolation> violations = new ArrayList<>();
        checkKey(key, violations);
        List<JobRequest> requested = request.jobs();
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldViolation("jobs", "must hold at least one job")));
        }
        if (requested.size() > properties.maxBatchJobs()) {
            throw new InvalidRequestException(List.of(new FieldViolation("jobs",
                    "holds " + requested.size() + " jobs; at most " + properties.maxBatchJobs() + " per batch")));
        }
        List<Job> accepted = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            JobRequest r = requested.get(i);
            if (r == null) {
                violations.add(new FieldViolation("jobs[" + i + "]", "must be a job object"));
                continue;
            }
            Job job = jobs.create(r.type(), r.model(), r.params(), r.maxAttempts(), r.timeoutMs(), caller.owner(),
                    "jobs[" + i + "].", violations);
            if (job != null) {
                accepted.add(job);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        limiter.acquire(caller, accepted.size());
        if (key == null) {
            RequestAwait.result(submitter.submit(accepted));
            countAccepted(caller, accepted.size());
            return ResponseEntity.accepted()
                    .body(new BatchAccepted(accepted.size(), accepted.stream().map(Job::id).toList()));
        }
        return switch (RequestAwait.result(idempotent.submit(scoped(caller, key), accepted))) {
            case IdempotentSubmitter.Accepted a -> {
                countAccepted(caller, a.jobs().size());
                yield ResponseEntity.accepted()
                        .body(new BatchAccepted(a.jobs().size(), a.jobs().stream().map(Job::id).toList()));
            }
            case IdempotentSubmitter.Repeated r -> ResponseEntity.ok().header("Idempotent-Replayed", "true")
                    .body(new BatchAccepted(r.jobs().size(), r.jobs().stream().map(JobState::id).toList()));
            case IdempotentSubmitter.Conflict c -> throw conflict(c);
        };
    }

    @Operation(summary = "Cancel a job",
            description = "A job not yet started is CANCELLED at once and skipped when it reaches its worker; a running "
                    + "job is asked to stop (its thread interrupted, its child process killed, its operation "
                    + "cancelled) and ends CANCELLED - unless it finishes first: the first outcome wins.")
    @ApiResponse(responseCode = "202", description = "Cancellation written; the job as it stands (CANCELLED if it had "
            + "not started)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobResponse.class),
                    examples = @ExampleObject(value = ApiExamples.CANCELLED)))
    @ApiResponse(responseCode = "404", ref = ProblemRefs.PREFIX + ProblemResponses.JOB_NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ProblemRefs.PREFIX + ProblemResponses.JOB_FINISHED)
    @ProblemRefs.KafkaWrite
    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> cancel(@PathVariable String id, @AuthenticationPrincipal ApiCaller caller) {
        // another key's job is not found, rather than forbidden: a key learns nothing of jobs not its own
        JobState state = RequestAwait.result(view.findCaughtUp(id)).filter(s -> caller.mayAccess(s.owner()))
                .orElseThrow(() -> new JobNotFoundException(id));
        if (state.status().isTerminal()) {
            throw new JobFinishedException(state);
        }
        Instant now = clock.instant();
        JobState cancelled = state.status() == JobStatus.QUEUED ? state.cancelledWhileQueued(now) : null;
        RequestAwait.result(submitter.cancel(new JobControl(id, JobControl.CANCEL, now), cancelled));
        if (cancelled != null) {
            // reads answer from the view as it stands: once it has read the CANCELLED just written, so do they
            RequestAwait.result(view.catchUp());
        }
        return ResponseEntity.accepted().body(JobResponse.of(cancelled != null ? cancelled : state));
    }

    @Operation(summary = "Read the status of many jobs at once",
            description = "For load tests and dashboards: one request instead of one GET per job. With waitMs, waits "
                    + "until every job found is SUCCEEDED, FAILED or CANCELLED, or the time passes (capped as for one "
                    + "job), then answers with each job as it stands.")
    @ApiResponse(responseCode = "200", description = "The jobs found, in request order, and the ids not found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = StatusPage.class),
                    examples = @ExampleObject(value = ApiExamples.STATUS_PAGE)))
    @ProblemRefs.JsonBody
    @PostMapping(path = "/statuses", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> statuses(@RequestBody StatusQuery query,
                                    @Parameter(description = "Wait up to this many ms for every job to finish")
                                    @RequestParam(required = false) Long waitMs,
                                    @AuthenticationPrincipal ApiCaller caller) {
        List<String> ids = query.ids();
        if (ids == null || ids.isEmpty() || ids.size() > properties.maxBatchJobs()) {
            throw new InvalidRequestException(List.of(new FieldViolation("ids",
                    "must hold 1 to " + properties.maxBatchJobs() + " ids")));
        }
        Duration wait = waitDuration(waitMs);
        // The page is the jobs' stored JSON copied field by field: the largest response there is, written without
        // decoding a job (see StatusPageWriter).
        List<StatusJson> found = visible(caller, RequestAwait.result(view.awaitTerminalJson(ids, wait)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(pages.write(ids, found));
    }

    private Duration waitDuration(Long waitMs) {
        if (waitMs != null && waitMs < 0) {
            throw new InvalidRequestException(List.of(new FieldViolation("waitMs", "must be 0 or more")));
        }
        return waitMs == null ? Duration.ZERO : Duration.ofMillis(Math.min(waitMs, view.maxWait().toMillis()));
    }

    @Operation(summary = "Read a job's status",
            description = "Finds any job accepted by any gateway instance, even an instant after its 202. With waitMs, "
                    + "waits until the job is SUCCEEDED or FAILED or the time passes (capped at "
                    + "jobmesh.gateway.view.max-wait, default 60000), then answers as without it.")
    @ApiResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobResponse.class),
                    examples = @ExampleObject(value = ApiExamples.JOB)))
    @ApiResponse(responseCode = "404", ref = ProblemRefs.PREFIX + ProblemResponses.JOB_NOT_FOUND)
    @ProblemRefs.NumberParameters
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> get(@PathVariable String id,
                               @Parameter(description = "Wait up to this many ms for a terminal status")
                               @RequestParam(required = false) Long waitMs,
                               @AuthenticationPrincipal ApiCaller caller) {
        // Copied from the stored JSON as a page's entries are: a single-job poll decodes nothing either.
        StatusJson json = RequestAwait.result(view.awaitTerminalJson(List.of(id), waitDuration(waitMs))).getFirst();
        if (json == null || !owners.visible(caller, json)) {
            throw new JobNotFoundException(id);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(pages.writeOne(json));
    }

    /** The snapshots the caller may see; those of other keys' jobs become not found. */
    private List<StatusJson> visible(ApiCaller caller, List<StatusJson> found) {
        if (caller.admin()) {
            return found;
        }
        List<StatusJson> visible = new ArrayList<>(found.size());
        for (StatusJson json : found) {
            visible.add(json != null && owners.visible(caller, json) ? json : null);
        }
        return visible;
    }
}
