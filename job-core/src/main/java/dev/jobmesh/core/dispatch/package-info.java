/**
 * The dispatch loop every worker runs: poll, in-flight window, offset commits and status events, and the one
 * interface a concurrency model implements. Nothing here is null unless marked {@code @Nullable}; configuration
 * records take null for an unset setting and replace it with its default.
 */
@NullMarked
package dev.jobmesh.core.dispatch;

import org.jspecify.annotations.NullMarked;
