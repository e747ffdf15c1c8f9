package com.withcoherence.events.client;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The client's retries: exponential back-off with jitter between attempts, for what the AWS SDK does not retry
 * (failed entries of PutEvents, PutTargets and RemoveTargets) and for calls the SDK gave up on with a transient error.
 */
final class Backoff {

    private static final Logger LOG = LoggerFactory.getLogger(CoherenceEventsClient.class);

    /** Error codes of failed entries and of whole calls that may succeed when tried again. */
    static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "InternalFailure", "InternalException",
            "ConcurrentModificationException", "ServiceUnavailable", "ServiceUnavailableException");

    final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper, DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * The wait after the {@code failures}-th failed attempt: half of {@code min(maxDelay, baseDelay * 2^(failures-1))}
     * plus a random part of the other half ("equal jitter"), so that retries spread out but never come at once.
     */
    Duration delay(int failures) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        long ceiling = Math.min(base, cap);
        for (int i = 1; i < failures && ceiling < cap; i++) {
            ceiling = Math.min(cap, ceiling * 2);
        }
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** Waits after the {@code failures}-th failed attempt. */
    void pause(int failures) {
        try {
            sleeper.sleep(delay(failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoherenceClientException("interrupted while waiting to retry; nothing more was sent.", e);
        }
    }

    static boolean isRetryable(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.isThrottlingException() || e.statusCode() >= 500 || (code != null && RETRYABLE_CODES.contains(code));
    }

    /** Calls AWS, trying again after a transient error (throttling, 5xx, concurrent modification). */
    <T> T call(String operation, Supplier<T> call) {
        return call(operation, call, e -> false);
    }

    /** Calls AWS, trying again after a transient error or one {@code alsoRetry} accepts. */
    <T> T call(String operation, Supplier<T> call, Predicate<AwsServiceException> alsoRetry) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (!(isRetryable(e) || alsoRetry.test(e)) || attempt >= maxAttempts) {
                    throw AwsErrors.wrap(operation, e);
                }
                LOG.debug("{} failed with {} (attempt {} of {}); retrying", operation,
                        AwsErrors.code(e), attempt, maxAttempts);
                pause(attempt);
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw AwsErrors.wrap(operation, e);
            }
        }
    }
}
