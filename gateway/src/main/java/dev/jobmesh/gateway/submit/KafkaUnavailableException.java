package dev.jobmesh.gateway.submit;

/** Kafka did not take a submission in time; nothing of it was written. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
