package dev.jobmesh.core.dispatch;

import java.time.Duration;

import dev.jobmesh.core.job.Job;

/** How long one run of a job may take before the dispatch loop stops it. */
public interface TimeLimits {

    Duration limitFor(Job job);
}
