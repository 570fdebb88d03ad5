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
        if (current.status().isTerminal()) {
            return current;
        }
        if (incoming.status().isTerminal() || incoming.status().ordinal() >= current.status().ordinal()) {
            return incoming.submittedAt() == null && current.submittedAt() != null
                    ? withSubmittedAt(incoming, current)
                    : incoming;
        }
        return current;
    }

    private static JobState withSubmittedAt(JobState state, JobState from) {
        return new JobState(state.id(), state.status(), state.type(), state.model(), state.params(), state.result(),
                state.error(), state.worker(), state.attempts(), from.submittedAt(), state.startedAt(),
                state.finishedAt());
    }
}
