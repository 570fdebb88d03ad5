package dev.jobmesh.core.outcome;

import java.time.Instant;

import dev.jobmesh.core.job.Job;
import dev.jobmesh.core.job.JobState;

/**
 * Decides what follows a run - done, another run, or a dead letter - for every concurrency model alike. The
 * dispatch loop asks it once per run and writes what it decides; no model decides for itself.
 */
public interface OutcomePolicy {

    OutcomeDecision decide(FinishedRun run);

    /** What follows a job cancelled before any run of it started: by default it ends CANCELLED, unrun. */
    default OutcomeDecision cancelledBeforeStart(Job job, String worker, Instant at) {
        return new OutcomeDecision.Finish(JobState.cancelled(job, worker, at));
    }
}
