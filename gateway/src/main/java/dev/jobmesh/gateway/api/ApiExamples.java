package dev.jobmesh.gateway.api;

/** Example bodies for the OpenAPI document, as the API really sends them. */
final class ApiExamples {

    static final String ACCEPTED = """
            {"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "status": "QUEUED", "type": "sleep", "model": "threads",
             "submittedAt": "2026-11-25T14:00:00.000Z"}""";
    static final String REPEATED = """
            {"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "status": "SUCCEEDED", "type": "sleep", "model": "threads",
             "submittedAt": "2026-11-25T14:00:00.000Z"}""";
    static final String BATCH_ACCEPTED = """
            {"count": 2, "ids": ["5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "0b6a1f6e-8c1d-4d2e-8a59-6a1b2c3d4e5f"]}""";
    static final String JOB = """
            {"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "status": "SUCCEEDED", "type": "cpu", "model": "threads",
             "params": {"limit": 200000}, "result": {"primes": 17984}, "worker": "threads@host:4242", "attempts": 1,
             "submittedAt": "2026-11-25T14:00:00.000Z", "startedAt": "2026-11-25T14:00:00.004Z",
             "finishedAt": "2026-11-25T14:00:00.031Z", "notBefore": null, "owner": "ci",
             "history": [{"attempt": 1, "worker": "threads@host:4242", "startedAt": "2026-11-25T14:00:00.004Z",
                          "finishedAt": "2026-11-25T14:00:00.031Z", "error": null}]}""";
    static final String MALFORMED = """
            {"type": "/problems/malformed-request", "title": "Malformed request", "status": 400,
             "detail": "params: expected a JSON object", "instance": "/api/jobs",
             "errors": [{"field": "params", "message": "expected a JSON object"}]}""";
    static final String TOO_LARGE = """
            {"type": "/problems/body-too-large", "title": "Request body too large", "status": 413,
             "detail": "request body is larger than 4194304 bytes", "instance": "/api/jobs/batch",
             "errors": [{"field": "body", "message": "request body is larger than 4194304 bytes"}]}""";
    static final String UNSUPPORTED = """
            {"type": "/problems/unsupported-media-type", "title": "Unsupported media type", "status": 415,
             "detail": "Content-Type 'text/plain' is not supported; send application/json", "instance": "/api/jobs",
             "errors": [{"field": "Content-Type", "message": "must be application/json"}]}""";
    static final String INVALID = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "params.ms must be between 0 and 60000", "instance": "/api/jobs",
             "errors": [{"field": "params.ms", "message": "must be between 0 and 60000"}]}""";
    static final String INVALID_BATCH = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "jobs[1].model unknown model 'fibers'; one of threads, virtual, processes, async, auto",
             "instance": "/api/jobs/batch",
             "errors": [{"field": "jobs[1].model", "message": "unknown model 'fibers'; one of threads, virtual, processes, async, auto"}]}""";
    static final String UNAVAILABLE = """
            {"type": "/problems/kafka-unavailable", "title": "Kafka unavailable", "status": 503,
             "detail": "Kafka did not take the jobs within PT5S; nothing was accepted, retry later", "instance": "/api/jobs"}""";
    static final String NO_READY_MODEL = """
            {"type": "/problems/no-ready-model", "title": "No model ready", "status": 503,
             "detail": "no model has a worker consuming its jobs; nothing was accepted, retry later or name a model",
             "instance": "/api/jobs"}""";
    static final String UNAUTHORIZED = """
            {"type": "/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "an API key is required: send Authorization: Bearer <key> or X-Api-Key: <key>",
             "instance": "/api/jobs",
             "errors": [{"field": "Authorization", "message": "required: Bearer <key> (or X-Api-Key)"}]}""";
    static final String WRONG_KEY = """
            {"type": "/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "the API key is not one this gateway knows", "instance": "/api/jobs",
             "errors": [{"field": "Authorization", "message": "not a key this gateway knows"}]}""";
    static final String FORBIDDEN = """
            {"type": "/problems/forbidden", "title": "Forbidden", "status": 403,
             "detail": "this needs an admin key", "instance": "/api/dead-letters",
             "errors": [{"field": "Authorization", "message": "the key's role does not allow this"}]}""";
    static final String RATE_LIMITED = """
            {"type": "/problems/rate-limited", "title": "Too many jobs", "status": 429,
             "detail": "key 'ci' is over its limit of 100 jobs per PT1S (burst 200)", "instance": "/api/jobs/batch",
             "errors": [{"field": "jobs", "message": "key 'ci' is over its limit of 100 jobs per PT1S (burst 200)"}]}""";
    static final String TOO_MANY_UNFINISHED = """
            {"type": "/problems/too-many-unfinished", "title": "Too many jobs unfinished", "status": 429,
             "detail": "key 'ci' has 5000 jobs queued or running; at most 5000", "instance": "/api/jobs",
             "errors": [{"field": "jobs", "message": "key 'ci' has 5000 jobs queued or running; at most 5000"}]}""";
    static final String NOT_FOUND = """
            {"type": "/problems/job-not-found", "title": "Job not found", "status": 404,
             "detail": "no job with id 5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "instance": "/api/jobs/5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "errors": [{"field": "id", "message": "no job with this id"}]}""";
    static final String BAD_WAIT = """
            {"type": "/problems/malformed-request", "title": "Malformed request", "status": 400,
             "detail": "waitMs must be a number", "instance": "/api/jobs/5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "errors": [{"field": "waitMs", "message": "must be a number"}]}""";
    static final String NEGATIVE_WAIT = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "waitMs must be 0 or more", "instance": "/api/jobs/5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "errors": [{"field": "waitMs", "message": "must be 0 or more"}]}""";

    static final String STATUS_PAGE = """
            {"jobs": [{"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "status": "SUCCEEDED", "type": "noop",
                       "model": "async", "params": {}, "result": {}, "worker": "async@host:4242", "attempts": 1,
                       "submittedAt": "2026-11-25T14:00:00.000Z", "startedAt": "2026-11-25T14:00:00.003Z",
                       "finishedAt": "2026-11-25T14:00:00.004Z", "history": []}],
             "missing": ["00000000-0000-0000-0000-000000000000"]}""";
    static final String TOO_MANY_IDS = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "ids must hold 1 to 10000 ids", "instance": "/api/jobs/statuses",
             "errors": [{"field": "ids", "message": "must hold 1 to 10000 ids"}]}""";
    static final String CANCELLED = """
            {"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10", "status": "CANCELLED", "type": "sleep", "model": "threads",
             "params": {"ms": 5000}, "error": {"code": "CANCELLED", "message": "cancelled before it started"},
             "attempts": 0, "submittedAt": "2026-11-25T14:00:00.000Z", "finishedAt": "2026-11-25T14:00:01.000Z",
             "history": []}""";
    static final String FINISHED = """
            {"type": "/problems/job-finished", "title": "Job already finished", "status": 409,
             "detail": "job 5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10 has already finished: SUCCEEDED",
             "instance": "/api/jobs/5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "errors": [{"field": "id", "message": "the job has already finished"}]}""";
    static final String DEAD_LETTERS = """
            {"count": 1, "deadLetters": [{"id": "5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10",
             "job": {"type": "http", "model": "threads", "params": {"url": "http://127.0.0.1:8090/"}, "maxAttempts": 3},
             "error": {"code": "CONNECTION_ERROR", "message": "ConnectException"},
             "history": [{"attempt": 1, "worker": "threads@host:4242", "startedAt": "2026-11-25T14:00:00.004Z",
                          "finishedAt": "2026-11-25T14:00:00.010Z", "error": {"code": "CONNECTION_ERROR", "message": "ConnectException"}}],
             "worker": "threads@host:4242", "failedAt": "2026-11-25T14:00:03.020Z", "replayable": true}]}""";
    static final String BAD_LIMIT = """
            {"type": "/problems/malformed-request", "title": "Malformed request", "status": 400,
             "detail": "limit must be a number", "instance": "/api/dead-letters",
             "errors": [{"field": "limit", "message": "must be a number"}]}""";
    static final String LIMIT_RANGE = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "limit must be between 1 and 1000", "instance": "/api/dead-letters",
             "errors": [{"field": "limit", "message": "must be between 1 and 1000"}]}""";
    static final String DEAD_LETTER_NOT_FOUND = """
            {"type": "/problems/dead-letter-not-found", "title": "Dead letter not found", "status": 404,
             "detail": "no dead letter with id 5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10 (never dead, already replayed, or past the retention)",
             "instance": "/api/dead-letters/5d0f7c1e-2b8e-4c55-9a43-2f3f0e6b9a10/replay",
             "errors": [{"field": "id", "message": "no dead letter with this id"}]}""";
    static final String NOT_REPLAYABLE = """
            {"type": "/problems/invalid-request", "title": "Invalid request", "status": 422,
             "detail": "id is an unreadable record from jobs.threads, not a job; it cannot run",
             "instance": "/api/dead-letters/undecodable-jobs.threads-0-42/replay",
             "errors": [{"field": "id", "message": "is an unreadable record from jobs.threads, not a job; it cannot run"}]}""";

    private ApiExamples() {
    }
}
