/**
 * The job model and its JSON envelopes on jobmesh's topics. Nothing here is null unless marked {@code @Nullable},
 * where null means something (no time limit of its own, not run yet, an unreadable record).
 */
@NullMarked
package dev.jobmesh.core.job;

import org.jspecify.annotations.NullMarked;
