package dev.jobmesh.core.outcome;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits {@code initial × multiplier^(failures-1)}, capped at {@code max}, give or take a random {@code jitter}
 * fraction, so things that failed together do not all come back together.
 */
public record ExponentialBackOff(Duration initial, double multiplier, Duration max, double jitter) implements BackOff {

    public ExponentialBackOff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("a back-off needs 0 <= initial <= max, multiplier >= 1 and jitter in 0..1;"
                    + " got " + initial + ", " + max + ", " + multiplier + ", " + jitter);
        }
    }

    @Override
    public Duration delay(int failures) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(failures, 1) - 1);
        double capped = Math.min(base, max.toMillis());
        double spread = jitter == 0 ? 0 : jitter * capped * ThreadLocalRandom.current().nextDouble(-1, 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
    }
}
