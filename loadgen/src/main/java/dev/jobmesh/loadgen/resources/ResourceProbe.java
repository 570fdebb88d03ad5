package dev.jobmesh.loadgen.resources;

import java.util.Optional;

/** Reads one process's CPU time so far and its resident memory now. */
public interface ResourceProbe {

    /** The name the report shows, such as {@code gateway} or {@code worker-async}. */
    String name();

    /** A reading, or empty when the process cannot be read right now. */
    Optional<Sample> sample();

    /** CPU seconds used since the process started, and resident memory in bytes. */
    record Sample(double cpuSeconds, long rssBytes) {
    }
}
