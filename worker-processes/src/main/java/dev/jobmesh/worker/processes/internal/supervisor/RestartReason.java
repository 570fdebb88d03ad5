package dev.jobmesh.worker.processes.internal.supervisor;

/** Why a child process was replaced; a metric tag, so names are stable. */
public enum RestartReason {
    /** It exited or was killed from outside: crash, out of memory, {@code kill -9}. */
    DIED,
    /** The dispatch loop stopped its job (past its time limit, or cancelled), so the supervisor killed it. */
    STOPPED,
    /** It sent no heartbeat for the heartbeat timeout, so the supervisor killed it. */
    HUNG,
    /** It sent bytes that are not a valid frame, so the supervisor killed it. */
    PROTOCOL_ERROR,
    /** It ran its allowed number of jobs (recycling). */
    MAX_JOBS,
    /** Its resident set grew past the allowed size (recycling). */
    MAX_MEMORY,
    /** It could not be started, or exited or stalled before its handshake. */
    START_FAILED;

    /** The metric tag value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
