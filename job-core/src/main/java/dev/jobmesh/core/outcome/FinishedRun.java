package dev.jobmesh.core.outcome;

import java.time.Instant;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobOutcome;

/**
 * One run of a job that has ended, as its worker saw it. The run is attempt {@code job.attempt()}: every run,
 * whatever ended it (a child process dying included), is one attempt.
 *
 * @param startedAt when the run began; its end when it never began
 */
public record FinishedRun(Job job, JobOutcome outcome, String worker, Instant startedAt, Instant finishedAt) {
}
