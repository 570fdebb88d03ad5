package dev.jobmesh.worker.processes.internal.protocol;

/** Bytes on a child's pipe that are not a valid frame; the peer cannot be trusted after it. */
public class FrameException extends RuntimeException {

    public FrameException(String message) {
        super(message);
    }
}
