package dev.jobmesh.worker.processes.internal.protocol;

/** The kinds of frame on a child's stdin and stdout, each with a stable one-byte code. */
public enum FrameType {
    /** Supervisor to child, first frame: protocol version and the workload settings. */
    HELLO(1),
    /** Child to supervisor, answering HELLO: the child's protocol version and pid; it now takes jobs. */
    READY(2),
    /** Supervisor to child: a job to run, as the {@code JobCodec} envelope. */
    JOB(3),
    /** Child to supervisor: how a run ended, as a {@code JobCodec} status snapshot. */
    RESULT(4),
    /** Supervisor to child: interrupt the named job. */
    CANCEL(5),
    /** Child to supervisor, every heartbeat interval, from a thread of its own. */
    HEARTBEAT(6);

    private final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static FrameType of(byte code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new FrameException("unknown frame type " + code);
    }
}
