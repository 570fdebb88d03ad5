package dev.jobmesh.gateway.status;

import java.time.Instant;

import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;

/**
 * The few fields of a job's snapshot the view needs to merge and expire it. Read from the snapshot's JSON without
 * decoding the rest, and kept beside the JSON in the store, so the view's writer decodes nothing whole but the
 * snapshots that finish a job.
 *
 * @param runs             runs already finished (the snapshot's history)
 * @param finishedAtMillis when a terminal snapshot finished, or {@link #NOT_FINISHED}
 */
record StatusHeader(JobStatus status, int generation, int runs, boolean hasSubmittedAt, long finishedAtMillis) {

    static final long NOT_FINISHED = Long.MIN_VALUE;

    /** The header of a snapshot already decoded. */
    static StatusHeader of(JobState state) {
        return new StatusHeader(state.status(), state.generation(), state.history().size(), state.submittedAt() != null,
                state.finishedAt() == null ? NOT_FINISHED : state.finishedAt().toEpochMilli());
    }

    boolean terminal() {
        return status.isTerminal();
    }

    /** When a terminal snapshot finished; null if it has no finish time. */
    Instant finishedAt() {
        return finishedAtMillis == NOT_FINISHED ? null : Instant.ofEpochMilli(finishedAtMillis);
    }
}
