package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.jobmesh.core.job.JobState;
import dev.jobmesh.core.job.JobStatus;
import dev.jobmesh.core.job.Model;
import dev.jobmesh.core.metrics.JobMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Submitted-to-terminal time, recorded once per job: by the gateway instance that accepted it, from the live
 * event - not again when a view is rebuilt after a restart.
 */
public final class EndToEndLatency implements MeterBinder {

    private final String instanceId;
    private final Collection<String> types;
    private final Instant since;
    private final Map<String, Timer> timers = new HashMap<>();

    public EndToEndLatency(String instanceId, Collection<String> types, Instant since) {
        this.instanceId = instanceId;
        this.types = types;
        this.since = since;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Model model : Model.values()) {
            for (String type : types) {
                for (JobStatus status : new JobStatus[]{JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}) {
                    timers.put(key(model, type, status), Timer.builder(JobMeters.END_TO_END)
                            .description("Submitted to terminal, recorded by the gateway that accepted the job")
                            .tags(JobMeters.MODEL, model.id(), JobMeters.TYPE, type, JobMeters.OUTCOME,
                                    status.name().toLowerCase(java.util.Locale.ROOT))
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofMinutes(5))
                            .register(registry));
                }
            }
        }
    }

    /** A job reached its first terminal status in this view. */
    void finished(JobState state) {
        if (!instanceId.equals(state.submittedBy()) || state.finishedAt() == null || state.submittedAt() == null
                || state.finishedAt().isBefore(since)) {
            return;
        }
        Timer timer = timers.get(key(state.model(), state.type(), state.status()));
        if (timer != null) {
            timer.record(Duration.between(state.submittedAt(), state.finishedAt()).abs());
        }
    }

    private static String key(Model model, String type, JobStatus status) {
        return model + "/" + type + "/" + status;
    }
}
