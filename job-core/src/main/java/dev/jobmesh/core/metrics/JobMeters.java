package dev.jobmesh.core.metrics;

/**
 * The names and tags of the meters every model reports, defined once so dashboards can put the models side by
 * side. Micrometer names; Prometheus shows {@code jobs.completed} as {@code jobs_completed_total}, a timer
 * {@code jobs.execution} as {@code jobs_execution_seconds_bucket/_count/_sum}.
 */
public final class JobMeters {

    /** Counter: runs that ended, by {@link #OUTCOME}. */
    public static final String COMPLETED = "jobs.completed";
    /** Timer with a percentile histogram: submitted to started. */
    public static final String QUEUE_WAIT = "jobs.queue.wait";
    /** Timer with a percentile histogram: started to finished, one run. */
    public static final String EXECUTION = "jobs.execution";
    /** Timer with a percentile histogram, recorded by the gateway that accepted the job: submitted to terminal. */
    public static final String END_TO_END = "jobs.end.to.end";
    /** Gauge: jobs handed to the model and not yet finished. */
    public static final String IN_FLIGHT = "jobs.in.flight";

    /** The concurrency model: threads, virtual, processes, async. */
    public static final String MODEL = "model";
    /** How the model is set up, e.g. pool-64 or loop-1-offload. */
    public static final String VARIANT = "variant";
    /** The workload: noop, sleep, http, cpu. */
    public static final String TYPE = "type";
    /** succeeded, failed, cancelled, or retried (a failed run that will run again). */
    public static final String OUTCOME = "outcome";

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String RETRIED = "retried";

    /** Every outcome, so each series exists at zero from the start. */
    public static final String[] OUTCOMES = {SUCCEEDED, FAILED, CANCELLED, RETRIED};

    private JobMeters() {
    }
}
