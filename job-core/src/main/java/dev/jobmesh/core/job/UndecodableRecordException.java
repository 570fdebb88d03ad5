package dev.jobmesh.core.job;

/** A topic record whose bytes are not a jobmesh envelope. */
public class UndecodableRecordException extends RuntimeException {

    public UndecodableRecordException(String message) {
        super(message);
    }

    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
