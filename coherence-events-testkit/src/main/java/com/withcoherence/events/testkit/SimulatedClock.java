package com.withcoherence.events.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bridge's clock: it stands still until the bridge advances it, so retries, delays and ages are exact and no
 * test ever sleeps. Reading it is thread-safe; it only moves forward.
 */
final class SimulatedClock extends Clock {

    private final AtomicReference<Instant> now;

    SimulatedClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock to {@code time} if that is later than now. */
    void advanceTo(Instant time) {
        now.accumulateAndGet(time, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + now.get() + "]";
    }
}
