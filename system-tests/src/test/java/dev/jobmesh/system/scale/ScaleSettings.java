package dev.jobmesh.system.scale;

import java.time.Duration;

/**
 * The sizes of a scale run, from system properties so a quick run can be smaller (deploy/scale-test.sh passes
 * them on): {@code jobmesh.scale.jobs} (the backlog, 1,000,000), {@code jobmesh.scale.soak} (30m) and
 * {@code jobmesh.scale.rate} (the matrix rate the load is a share of, jobs/s).
 */
record ScaleSettings(long jobs, Duration soak, int matrixRate) {

    /**
     * The matrix's rate for all workloads and models at once: each of its 16 cells at its own measured rate
     * (README, Results) for a sixteenth of the time - the whole machine shared evenly among them - is 86,975 / 16.
     */
    static final int MATRIX_RATE = 5_436;

    static ScaleSettings fromSystemProperties() {
        return new ScaleSettings(Long.getLong("jobmesh.scale.jobs", 1_000_000),
                Duration.parse("PT" + System.getProperty("jobmesh.scale.soak", "30m").toUpperCase()),
                Integer.getInteger("jobmesh.scale.rate", MATRIX_RATE));
    }
}
