package dev.jobmesh.system.scale;

import java.time.Duration;

/**
 * The sizes of a scale run, from system properties so a quick run can be smaller (deploy/scale-test.sh passes
 * them on): {@code jobmesh.scale.jobs} (the backlog, 1,000,000), {@code jobmesh.scale.soak} (30m) and
 * {@code jobmesh.scale.rate} (the matrix rate the load is a share of, jobs/s).
 */
record ScaleSettings(long jobs, Duration soak, int matrixRate) {

    /**
     * The matrix's rate: the standard matrix (README, Results) took 871,200 jobs in 6 min 45 s, start included -
     * 2,151 jobs/s. Its cells' own rates average 5,436 jobs/s, but each had the machine to itself: all sixteen at
     * once at those rates is more than two cores do (tried: 2,255 jobs/s accepted of 5,436 offered, a worker took
     * 107 s to restart), so a load of every workload on every model at once is measured against the whole run's.
     */
    static final int MATRIX_RATE = 2_151;

    static ScaleSettings fromSystemProperties() {
        return new ScaleSettings(Long.getLong("jobmesh.scale.jobs", 1_000_000),
                Duration.parse("PT" + System.getProperty("jobmesh.scale.soak", "30m").toUpperCase()),
                Integer.getInteger("jobmesh.scale.rate", MATRIX_RATE));
    }
}
