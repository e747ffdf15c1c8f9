package com.withcoherence.events.client;

/**
 * How EventBridge retries delivering an event to a target that failed (EventBridge's {@code RetryPolicy}).
 *
 * <p>Without one, EventBridge retries for 24 hours and up to 185 times, with exponential back-off and jitter. The
 * ranges below are checked when the {@link Subscription} holding the target is built, together with every other
 * problem, so that each is reported with its place ({@code targets[0].retryPolicy.maximumRetryAttempts}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maximumRetryAttempts how many times EventBridge retries after the first attempt: 0 to 185
 * @param maximumEventAgeInSeconds how long after the event EventBridge keeps retrying: 60 to 86,400 seconds
 */
public record TargetRetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {

    /** EventBridge's default and maximum number of retries: {@value}. */
    public static final int MAX_RETRY_ATTEMPTS = 185;

    /** The shortest maximum event age EventBridge accepts, in seconds: {@value}. */
    public static final int MIN_EVENT_AGE_SECONDS = 60;

    /** EventBridge's default and longest maximum event age, in seconds (24 hours): {@value}. */
    public static final int MAX_EVENT_AGE_SECONDS = 86_400;

    /**
     * Returns {@code retry policy (N retries, M s)}.
     *
     * @return the policy as text, never {@code null}
     */
    @Override
    public String toString() {
        return "retry policy (" + maximumRetryAttempts + " retries, " + maximumEventAgeInSeconds + " s)";
    }
}
