package dev.jobmesh.gateway.limits;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Submission limits per API key: {@code rate} jobs per {@code period}, with bursts up to {@code burst} jobs (a batch
 * counts its size).
 * The defaults are above what one gateway takes on the machines it is measured on, so only a key given lower
 * limits is ever held back; {@code keys} gives a key, by name, limits of its own.
 *
 * @param rate   jobs a key may submit per period, on average
 * @param period the period of the rate
 * @param burst  jobs a key may submit at once after a pause; at least the largest batch it sends
 * @param maxUnfinished jobs of a key that may be queued or running at once, as the view counts them (every
 *               gateway counts the jobs of all); a submission that would pass it is refused
 * @param keys  limits of particular keys, by key name. Unset: every key has the default rate and burst
 */
@ConfigurationProperties("jobmesh.gateway.limits")
public record LimitProperties(@DefaultValue("20000") long rate, @DefaultValue("1s") Duration period,
                              @DefaultValue("40000") long burst, @DefaultValue("2000000") long maxUnfinished,
                              Map<String, Limit> keys) {

    public LimitProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        check("jobmesh.gateway.limits", rate, period, burst, maxUnfinished);
        keys.forEach((name, limit) -> check("jobmesh.gateway.limits.keys." + name, limit.rate(), limit.period(),
                limit.burst(), limit.maxUnfinished() == null ? 1 : limit.maxUnfinished()));
    }

    private static void check(String prefix, long rate, @Nullable Duration period, long burst, long maxUnfinished) {
        if (rate < 1 || burst < 1 || maxUnfinished < 1 || (period != null && (period.isNegative() || period.isZero()))) {
            throw new IllegalArgumentException(prefix + ": rate, burst and max-unfinished must be at least 1 and period "
                    + "positive, was " + rate + " per " + period + ", burst " + burst + ", max-unfinished " + maxUnfinished);
        }
    }

    /** The limit of a key: its own, or the default. */
    Limit of(String key) {
        Limit own = keys.get(key);
        if (own == null) {
            return new Limit(rate, period, burst, maxUnfinished);
        }
        return new Limit(own.rate(), own.period() == null ? period : own.period(), own.burst(),
                own.maxUnfinished() == null ? maxUnfinished : own.maxUnfinished());
    }

    /**
     * A key's own limit.
     *
     * @param period        the period of its rate. Unset: the default period
     * @param maxUnfinished its jobs queued or running at most. Unset: the default
     */
    public record Limit(long rate, @Nullable Duration period, long burst, @Nullable Long maxUnfinished) {
    }
}
