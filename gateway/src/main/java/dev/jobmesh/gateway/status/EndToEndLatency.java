package dev.jobmesh.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.jobmesh.core.job.IsoInstants;
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

    /** A job reached its first terminal status in this view; recorded if this gateway accepted it. */
    void finished(StatusHeaderReader.Read snapshot) {
        StatusHeader header = snapshot.header();
        if (!instanceId.equals(snapshot.submittedBy()) || snapshot.submittedAt() == null || header.finishedAt() == null
                || header.finishedAt().isBefore(since)) {
            return;
        }
        Timer timer = timers.get(snapshot.model() + "/" + snapshot.type() + "/" + header.status());
        if (timer != null) {
            timer.record(Duration.between(parseTime(snapshot.submittedAt()), header.finishedAt()).abs());
        }
    }

    /** A time as the codec writes it: ISO-8601, or epoch seconds. */
    private static Instant parseTime(String text) {
        char first = text.charAt(0);
        if (Character.isDigit(first) && text.indexOf('-') < 0) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
        }
        return IsoInstants.parse(text);
    }

    private static String key(Model model, String type, JobStatus status) {
        return model + "/" + type + "/" + status;
    }
}
