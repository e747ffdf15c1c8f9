package com.withcoherence.events.client;

import java.time.Duration;

/**
 * Waits between retries. The client's default sleeps the calling thread; tests pass one that records the delays
 * instead, so that back-off is tested without waiting.
 *
 * <p>Implementations must be thread-safe: a client may retry on several threads at once.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code delay}.
     *
     * @param delay how long to wait; never {@code null} nor negative
     * @throws InterruptedException if the thread is interrupted while waiting; the client then stops retrying and
     *     restores the thread's interrupt flag
     */
    void sleep(Duration delay) throws InterruptedException;

    /**
     * Returns the sleeper that sleeps the calling thread ({@link Thread#sleep(long)}).
     *
     * @return the sleeper, never {@code null}
     */
    static Sleeper threadSleep() {
        return delay -> Thread.sleep(delay.toMillis());
    }
}
