package dev.jobmesh.worker.processes.internal.supervisor;

import dev.jobmesh.worker.processes.internal.protocol.Frame;

/** What a {@link ChildProcess} reports, from its reader thread, in the order it happened. */
public interface ChildListener {

    /** A frame arrived from the child. */
    void frameReceived(ChildProcess child, Frame frame);

    /** The child's output was not a valid frame; it cannot be trusted any more. */
    void badOutput(ChildProcess child, Exception problem);

    /** The child has exited, after every frame it wrote was reported. */
    void exited(ChildProcess child, int exitCode);
}
