package dev.jobmesh.core.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One finished run of a job: who ran it, when, and how it failed (null error: it succeeded). */
public record JobAttempt(int attempt, String worker, Instant startedAt, Instant finishedAt, @Nullable JobError error) {
}
