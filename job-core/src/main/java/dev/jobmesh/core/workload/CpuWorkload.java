package dev.jobmesh.core.workload;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Counts primes up to {@code params.limit} by trial division by odd numbers up to the square root:
 * pure CPU work with a known answer (200000 gives 17984, 100000 gives 9592), comparable across systems.
 */
public final class CpuWorkload implements Workload<CpuWorkload.CpuParams> {

    public static final String TYPE = "cpu";
    public static final long DEFAULT_LIMIT = 200_000;
    public static final long MAX_LIMIT = 5_000_000;

    /** The upper bound, inclusive. */
    public record CpuParams(int limit) {
    }

    /** The time limit of a job that sets none: the largest limit takes well under a minute here. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CpuParams parse(@Nullable Map<String, Object> params) {
        Params p = new Params(params, Set.of("limit"));
        long limit = p.integer("limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
        p.requireValid();
        return new CpuParams((int) limit);
    }

    @Override
    public Map<String, Object> run(CpuParams params) throws InterruptedException {
        return Map.of("primes", countPrimes(params.limit()));
    }

    /** The number of primes in [2, limit]; checks the interrupt flag now and then so a time limit can stop it. */
    public static int countPrimes(int limit) throws InterruptedException {
        if (limit < 2) {
            return 0;
        }
        int count = 1; // 2
        for (int n = 3; n <= limit; n += 2) {
            if ((n & 0xFFFF) == 1 && Thread.interrupted()) {
                throw new InterruptedException("prime count interrupted at " + n);
            }
            if (isOddPrime(n)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isOddPrime(int n) {
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
