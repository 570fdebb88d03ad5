package dev.jobmesh.core.outcome;

import java.time.Duration;

/** How long to wait before trying something again, by how many tries failed in a row. */
public interface BackOff {

    /** The wait before try number {@code failures + 1}; {@code failures} is 1 after the first failure. */
    Duration delay(int failures);
}
