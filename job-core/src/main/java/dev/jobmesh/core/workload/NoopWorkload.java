package dev.jobmesh.core.workload;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Returns at once: measures the system's own overhead per job. */
public final class NoopWorkload implements Workload<NoopWorkload.NoParams> {

    public static final String TYPE = "noop";

    /** noop takes no params. */
    public record NoParams() {
    }

    /** The time limit of a job that sets none: a noop that takes seconds is stuck. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NoParams parse(@Nullable Map<String, Object> params) {
        new Params(params, Set.of()).requireValid();
        return new NoParams();
    }

    @Override
    public Map<String, Object> run(NoParams params) {
        return Map.of();
    }
}
