/**
 * The workloads a job can run (noop, sleep, http, cpu), their params and how their failures are named. Nothing here
 * is null unless marked {@code @Nullable}; configuration records take null for an unset setting and replace it with
 * its default.
 */
@NullMarked
package dev.jobmesh.core.workload;

import org.jspecify.annotations.NullMarked;
