package dev.jobmesh.gateway.api;

/** No dead letter with that id, after the view caught up with Kafka. */
class DeadLetterNotFoundException extends RuntimeException {

    DeadLetterNotFoundException(String id) {
        super("no dead letter with id " + id + " (never dead, already replayed, or past the retention)");
    }
}
