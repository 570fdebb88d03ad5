package dev.jobmesh.system.containers;

import dev.jobmesh.core.job.Model;
import org.testcontainers.utility.DockerImageName;

/**
 * The images the container tests start, named as docker-compose.yml names them: the services' as
 * {@code deploy/containers.sh images} builds them ({@code JOBMESH_IMAGES}), Kafka's by {@code KAFKA_IMAGE}.
 */
final class ContainerImages {

    private ContainerImages() {
    }

    static DockerImageName service(String module) {
        return DockerImageName.parse(env("JOBMESH_IMAGES", "jobmesh") + "/" + module + ":local");
    }

    /** The module whose image runs a model: virtual threads are worker-threads in another mode. */
    static String workerModule(Model model) {
        return switch (model) {
            case THREADS, VIRTUAL -> "worker-threads";
            case PROCESSES -> "worker-processes";
            case ASYNC -> "worker-async";
        };
    }

    static DockerImageName kafka() {
        return DockerImageName.parse(env("KAFKA_IMAGE", "apache/kafka:4.1.1"));
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
