package dev.jobmesh.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import dev.jobmesh.gateway.auth.ApiCaller;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A cap on each key's jobs queued or running, and a token bucket per API key (Bucket4j: lock-free, refilled greedily, so a key's unused rate becomes burst up to
 * its limit). A request takes as many tokens as it has jobs, or none: a batch is accepted or refused whole.
 * Each gateway instance keeps its own buckets: behind a balancer spreading a key's requests over N instances, a
 * key gets up to N times its rate, so set the rate per instance (the key's total divided by N).
 */
public final class SubmissionLimiter {

    private record KeyState(Bucket bucket, LimitProperties.Limit limit, Counter accepted, Counter limited) {
    }

    private final LimitProperties properties;
    private final ToLongFunction<String> unfinished;
    private final MeterRegistry registry;
    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

    /** @param unfinished a key's jobs queued or running, by its name (the view's count) */
    public SubmissionLimiter(LimitProperties properties, ToLongFunction<String> unfinished, MeterRegistry registry) {
        this.properties = properties;
        this.unfinished = unfinished;
        this.registry = registry;
    }

    /**
     * Takes {@code jobs} from the caller's bucket, or throws without taking any: when the key's jobs queued or
     * running would pass its cap, or its bucket holds too few.
     */
    public void acquire(ApiCaller caller, int jobs) {
        KeyState key = keys.computeIfAbsent(caller.name(), this::state);
        if (jobs > key.limit().burst()) {
            key.limited().increment(jobs);
            throw new SubmissionLimitedException(SubmissionLimitedException.Limit.RATE, jobs + " jobs at once are more "
                    + "than key '" + caller.name() + "' may send (burst " + key.limit().burst() + "): send smaller "
                    + "batches", Duration.ofSeconds(1));
        }
        // jobs without an owner (keys not checked) are not counted, so they have no cap
        long queuedOrRunning = caller.owner() == null ? 0 : unfinished.applyAsLong(caller.owner());
        if (queuedOrRunning + jobs > key.limit().maxUnfinished()) {
            key.limited().increment(jobs);
            throw new SubmissionLimitedException(SubmissionLimitedException.Limit.UNFINISHED, "key '" + caller.name()
                    + "' has " + queuedOrRunning + " jobs queued or running; at most " + key.limit().maxUnfinished(),
                    Duration.ofSeconds(1));
        }
        ConsumptionProbe probe = key.bucket().tryConsumeAndReturnRemaining(jobs);
        if (!probe.isConsumed()) {
            key.limited().increment(jobs);
            throw new SubmissionLimitedException(SubmissionLimitedException.Limit.RATE, "key '" + caller.name()
                    + "' is over its limit of "
                    + key.limit().rate() + " jobs per " + key.limit().period() + " (burst " + key.limit().burst() + ")",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Counts jobs the caller had accepted (written to Kafka). */
    public void accepted(ApiCaller caller, int jobs) {
        keys.computeIfAbsent(caller.name(), this::state).accepted().increment(jobs);
    }

    private KeyState state(String name) {
        LimitProperties.Limit limit = properties.of(name);
        Bucket bucket = Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.rate(), limit.period()))
                .build();
        return new KeyState(bucket, limit, counter(name, "accepted"), counter(name, "limited"));
    }

    private Counter counter(String key, String outcome) {
        return Counter.builder("jobmesh.gateway.key.jobs")
                .description("Jobs submitted with each API key: accepted (written to Kafka) or limited (refused 429)")
                .tag("key", key).tag("outcome", outcome).register(registry);
    }
}
