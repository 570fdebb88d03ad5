package dev.jobmesh.gateway.status;

import dev.jobmesh.core.job.JobState;

/**
 * Decides what the view keeps when a snapshot arrives for a job it already knows: the first terminal
 * snapshot wins and never changes, so a redelivered job that ran twice still shows one outcome.
 */
final class StatusMerge {

    private StatusMerge() {
    }

    /** The snapshot to keep; returns {@code current} itself when the incoming one changes nothing. */
    static JobState merge(JobState current, JobState incoming) {
        if (current == null) {
            return incoming;
        }
        if (incoming.generation() != current.generation()) {
            // A replay from the dead letters starts the job over; snapshots of an older generation are stale.
            return incoming.generation() > current.generation() ? incoming : current;
        }
        if (current.status().isTerminal()) {
            return current;
        }
        if (incoming.status().isTerminal() || laterRun(incoming, current)) {
            return incoming.submittedAt() == null && current.submittedAt() != null
                    ? withSubmittedAt(incoming, current)
                    : incoming;
        }
        return current;
    }

    /** Runs finished first, then status: a retry's QUEUED comes after the RUNNING of the run that failed. */
    private static boolean laterRun(JobState incoming, JobState current) {
        int runs = Integer.compare(incoming.history().size(), current.history().size());
        return runs != 0 ? runs > 0 : incoming.status().ordinal() >= current.status().ordinal();
    }

    private static JobState withSubmittedAt(JobState state, JobState from) {
        return new JobState(state.id(), state.status(), state.type(), state.model(), state.params(), state.result(),
                state.error(), state.worker(), state.attempts(), from.submittedAt(), state.startedAt(),
                state.finishedAt(), state.notBefore(), state.generation(), state.history(), state.submittedBy());
    }
}
