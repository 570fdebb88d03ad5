package dev.jobmesh.gateway.api;

/** No job with that id, after the view caught up with Kafka. */
class JobNotFoundException extends RuntimeException {

    private final String id;

    JobNotFoundException(String id) {
        super("no job with id " + id);
        this.id = id;
    }

    String id() {
        return id;
    }
}
