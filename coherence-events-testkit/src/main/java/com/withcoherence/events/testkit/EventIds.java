package com.withcoherence.events.testkit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids in EventBridge's form (a version 4 UUID). Random by default; from a seed, the n-th id is always the same,
 * so a failing test that puts its events from one thread can be replayed.
 *
 * <p>Random ids come from {@link ThreadLocalRandom}, not {@link UUID#randomUUID()}: an id must be unique, not
 * unguessable, and {@code randomUUID} draws from a {@code SecureRandom} shared by every thread, which cost about 170 ns
 * per event on one thread and serialised concurrent PutEvents calls (measured in the benchmarks module).
 */
final class EventIds {

    private final Long seed;
    private final AtomicLong counter = new AtomicLong();

    EventIds(Long seed) {
        this.seed = seed;
    }

    String next() {
        if (seed == null) {
            return random();
        }
        long n = counter.incrementAndGet();
        return uuid(mix(seed + n * 0x9E3779B97F4A7C15L), mix(seed ^ (n * 0xC2B2AE3D27D4EB4FL)));
    }

    /** A random version 4 UUID, as {@link UUID#randomUUID()} makes, from the calling thread's generator. */
    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return uuid(random.nextLong(), random.nextLong());
    }

    /** A version 4, IETF-variant UUID made of two 64-bit values. */
    static String uuid(long high, long low) {
        long msb = (high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** SplitMix64's finaliser: spreads a counter's bits evenly. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
