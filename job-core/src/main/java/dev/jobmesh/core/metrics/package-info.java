/**
 * Meter names and the meter binders every service shares. Nothing here is null unless marked {@code @Nullable};
 * configuration records take null for an unset setting and replace it with its default.
 */
@NullMarked
package dev.jobmesh.core.metrics;

import org.jspecify.annotations.NullMarked;
