package dev.jobmesh.gateway.status;

import dev.jobmesh.core.job.JobState;

/**
 * Decides what the view keeps when a snapshot arrives for a job it already knows: the first terminal
 * snapshot wins and never changes, so a redelivered job that ran twice still shows one outcome. Decided on the
 * snapshots' headers alone, so the view need not decode them.
 */
final class StatusMerge {

    /** What the view does with an incoming snapshot. */
    enum Decision {
        /** The view's snapshot stands. */
        KEEP_CURRENT,
        /** The incoming snapshot replaces it. */
        TAKE_INCOMING,
        /** The incoming snapshot replaces it, with the submission time it lacks taken from the current one. */
        TAKE_INCOMING_WITH_SUBMITTED_AT
    }

    private StatusMerge() {
    }

    /** What to keep of {@code current} (null: the view does not know the job) and {@code incoming}. */
    static Decision merge(StatusHeader current, StatusHeader incoming) {
        if (current == null) {
            return Decision.TAKE_INCOMING;
        }
        if (incoming.generation() != current.generation()) {
            // A replay from the dead letters starts the job over; snapshots of an older generation are stale.
            return incoming.generation() > current.generation() ? Decision.TAKE_INCOMING : Decision.KEEP_CURRENT;
        }
        if (current.terminal()) {
            return Decision.KEEP_CURRENT;
        }
        if (incoming.terminal() || laterRun(incoming, current)) {
            return !incoming.hasSubmittedAt() && current.hasSubmittedAt()
                    ? Decision.TAKE_INCOMING_WITH_SUBMITTED_AT
                    : Decision.TAKE_INCOMING;
        }
        return Decision.KEEP_CURRENT;
    }

    /** Runs finished first, then status: a retry's QUEUED comes after the RUNNING of the run that failed. */
    private static boolean laterRun(StatusHeader incoming, StatusHeader current) {
        int runs = Integer.compare(incoming.runs(), current.runs());
        return runs != 0 ? runs > 0 : incoming.status().ordinal() >= current.status().ordinal();
    }

    /** {@code state} with the submission time of {@code from}. */
    static JobState withSubmittedAt(JobState state, JobState from) {
        return new JobState(state.id(), state.status(), state.type(), state.model(), state.params(), state.result(),
                state.error(), state.worker(), state.attempts(), from.submittedAt(), state.startedAt(),
                state.finishedAt(), state.notBefore(), state.generation(), state.history(), state.submittedBy(),
                state.owner(), state.routing());
    }
}
