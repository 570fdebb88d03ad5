package dev.jobmesh.core.workload;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Waits {@code params.ms}: stands for work that waits on something else, with no CPU of its own. */
public final class SleepWorkload implements Workload<SleepWorkload.SleepParams> {

    public static final String TYPE = "sleep";
    public static final long DEFAULT_MS = 50;
    public static final long MAX_MS = 60_000;

    /** How long to wait. */
    public record SleepParams(Duration duration) {
    }

    /** The time limit of a job that sets none: the longest sleep it accepts, with room to spare. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofMillis(MAX_MS).plusSeconds(30);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SleepParams parse(@Nullable Map<String, Object> params) {
        Params p = new Params(params, Set.of("ms"));
        long ms = p.integer("ms", DEFAULT_MS, 0, MAX_MS);
        p.requireValid();
        return new SleepParams(Duration.ofMillis(ms));
    }

    @Override
    public Map<String, Object> run(SleepParams params) throws InterruptedException {
        Thread.sleep(params.duration());
        return result(params);
    }

    /** The result of a finished sleep, the same whichever model waited. */
    public static Map<String, Object> result(SleepParams params) {
        return Map.of("sleptMs", params.duration().toMillis());
    }
}
