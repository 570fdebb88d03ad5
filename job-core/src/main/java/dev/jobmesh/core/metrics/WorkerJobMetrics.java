package dev.jobmesh.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * A worker's job meters, registered at zero for every known type and outcome when bound, so a dashboard panel
 * has its series before the first job. Recording is lock-free and safe from any thread.
 */
public final class WorkerJobMetrics implements MeterBinder {

    private final String model;
    private final String variant;
    private final Collection<String> types;
    private volatile int inFlight;
    private final Map<String, Counter> completed = new HashMap<>();
    private final Map<String, Timer> queueWait = new HashMap<>();
    private final Map<String, Timer> execution = new HashMap<>();

    public WorkerJobMetrics(String model, String variant, Collection<String> types) {
        this.model = model;
        this.variant = variant;
        this.types = types;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String type : types) {
            for (String outcome : JobMeters.OUTCOMES) {
                completed.put(type + "/" + outcome, Counter.builder(JobMeters.COMPLETED)
                        .description("Job runs that ended, by outcome")
                        .tags(JobMeters.MODEL, model, JobMeters.VARIANT, variant, JobMeters.TYPE, type,
                                JobMeters.OUTCOME, outcome)
                        .register(registry));
            }
            queueWait.put(type, timer(JobMeters.QUEUE_WAIT, "Submitted to started", type).register(registry));
            execution.put(type, timer(JobMeters.EXECUTION, "Started to finished, one run", type).register(registry));
        }
        Gauge.builder(JobMeters.IN_FLIGHT, this, m -> m.inFlight)
                .description("Jobs handed to the model and not yet finished")
                .tags(JobMeters.MODEL, model, JobMeters.VARIANT, variant)
                .register(registry);
    }

    private Timer.Builder timer(String name, String description, String type) {
        return Timer.builder(name).description(description)
                .tags(JobMeters.MODEL, model, JobMeters.VARIANT, variant, JobMeters.TYPE, type)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2));
    }

    /** How many jobs are in flight now. */
    public void inFlight(int jobs) {
        inFlight = jobs;
    }

    /** A run began. */
    public void started(String type, @Nullable Instant submittedAt, Instant startedAt) {
        Timer timer = queueWait.get(type);
        if (timer != null && submittedAt != null) {
            timer.record(Duration.between(submittedAt, startedAt).abs());
        }
    }

    /** A run ended with the given outcome tag. */
    public void finished(String type, String outcome, @Nullable Instant startedAt, Instant finishedAt) {
        Counter counter = completed.get(type + "/" + outcome);
        if (counter != null) {
            counter.increment();
        }
        Timer timer = execution.get(type);
        if (timer != null && startedAt != null) {
            timer.record(Duration.between(startedAt, finishedAt).abs());
        }
    }
}
