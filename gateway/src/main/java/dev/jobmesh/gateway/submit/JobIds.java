package dev.jobmesh.gateway.submit;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Fresh job ids, random version-4 UUIDs. {@link UUID#randomUUID()} takes a lock and the system's entropy source
 * for every id; here each thread has its own {@code L128X256MixRandom}, seeded once from {@link SecureRandom}, so an
 * id costs a few multiplications. The generator's 384 bits of state keep two threads' sequences apart as surely as
 * 122 random bits keep two UUIDs apart.
 */
public final class JobIds {

    private static final String ALGORITHM = "L128X256MixRandom";

    private final SecureRandom seeds = new SecureRandom();
    private final RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of(ALGORITHM);
    private final ThreadLocal<RandomGenerator> generators = ThreadLocal.withInitial(this::seeded);

    /** A new id, in the canonical 36-character UUID form. */
    public String next() {
        RandomGenerator random = generators.get();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;                         // version 4
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(most, least).toString();
    }

    private RandomGenerator seeded() {
        byte[] seed = new byte[48];
        synchronized (seeds) {
            seeds.nextBytes(seed);
        }
        return factory.create(seed);
    }
}
