package dev.jobmesh.loadgen.run;

import java.util.BitSet;

/**
 * Counts primes with a sieve of Eratosthenes: a different algorithm from the workers' trial division, so a
 * {@code cpu} result is checked against an independent answer rather than the same code run twice.
 */
public final class PrimeSieve {

    private PrimeSieve() {
    }

    /** The number of primes in [2, limit]. */
    public static int count(int limit) {
        if (limit < 2) {
            return 0;
        }
        BitSet composite = new BitSet(limit + 1);
        for (int p = 2; (long) p * p <= limit; p = composite.nextClearBit(p + 1)) {
            for (int multiple = p * p; multiple <= limit; multiple += p) {
                composite.set(multiple);
            }
        }
        return limit - 1 - composite.cardinality();
    }
}
