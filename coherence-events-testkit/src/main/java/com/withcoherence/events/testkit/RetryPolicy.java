package com.withcoherence.events.testkit;

/**
 * A target's {@code RetryPolicy}: how many times, and for how long after the event arrived, a failed delivery is
 * retried before the event goes to the target's dead-letter queue (or is dropped without one).
 *
 * <p>The in-memory bus retries on its own clock, never with real waiting: after a failed attempt number {@code n}
 * the next one is due {@code min(2^(n-1), 300)} seconds later (AWS uses exponential back-off with jitter whose
 * figures are not published; this deterministic schedule keeps tests replayable). A retry that would fall later
 * than {@code maximumEventAgeInSeconds} after the event's ingestion is not made.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maximumRetryAttempts retries after the first attempt, 0 to 185 ({@code MaximumRetryAttempts})
 * @param maximumEventAgeInSeconds how long after ingestion an event may still be retried, 60 to 86,400
 *     ({@code MaximumEventAgeInSeconds})
 */
public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {

    /** EventBridge's default when a target sets no policy: 185 retries within 24 hours. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(185, 86_400);

    /**
     * Returns a policy. Its ranges are checked by {@link InMemoryEventBridge#putTargets} with the service's message.
     *
     * @param maximumRetryAttempts retries after the first attempt
     * @param maximumEventAgeInSeconds how long after ingestion an event may still be retried
     * @return the policy, never {@code null}
     */
    public static RetryPolicy of(int maximumRetryAttempts, int maximumEventAgeInSeconds) {
        return new RetryPolicy(maximumRetryAttempts, maximumEventAgeInSeconds);
    }
}
