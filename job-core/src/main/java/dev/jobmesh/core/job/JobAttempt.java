package dev.jobmesh.core.job;

import java.time.Instant;

/** One finished run of a job: who ran it, when, and how it failed (null error: it succeeded). */
public record JobAttempt(int attempt, String worker, Instant startedAt, Instant finishedAt, JobError error) {
}
