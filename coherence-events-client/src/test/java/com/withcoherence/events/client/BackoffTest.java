package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.model.AccessDeniedException;
import software.amazon.awssdk.services.eventbridge.model.ConcurrentModificationException;
import software.amazon.awssdk.services.eventbridge.model.ThrottlingException;

/** Back-off grows exponentially, stays within its bounds, and retries only what may succeed later. */
class BackoffTest {

    private final List<Duration> slept = new ArrayList<>();

    private Backoff backoff(double random) {
        return new Backoff(4, Duration.ofMillis(100), Duration.ofMillis(1000), slept::add, () -> random);
    }

    private static AwsServiceException error(AwsServiceException.Builder builder, String code, int status) {
        return builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened")
                .build()).statusCode(status).requestId("req-1").build();
    }

    @Test
    void delaysDoubleFromTheBaseUpToTheCapWithEqualJitter() {
        Backoff lowest = backoff(0.0);
        Backoff highest = backoff(0.999_999);
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (int failures = 1; failures <= ceilings.length; failures++) {
            long ceiling = ceilings[failures - 1];
            assertEquals(ceiling / 2, lowest.delay(failures).toMillis(), "lower bound after " + failures);
            assertEquals(ceiling - 1, highest.delay(failures).toMillis(), "upper bound after " + failures);
        }
        assertEquals(1000, highest.delay(200).toMillis() + 1, "no overflow after many failures");
    }

    @Test
    void retriesThrottlingUntilItPassesAndSleepsBetween() {
        AtomicInteger calls = new AtomicInteger();
        String result = backoff(0.5).call("PutRule", () -> {
            if (calls.incrementAndGet() < 3) {
                throw error(ThrottlingException.builder(), "ThrottlingException", 400);
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), slept);
    }

    @Test
    void givesUpAfterMaxAttemptsKeepingAwsErrorCodeAndRequestId() {
        AtomicInteger calls = new AtomicInteger();
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> backoff(0).call("PutTargets",
                () -> {
                    calls.incrementAndGet();
                    throw error(ConcurrentModificationException.builder(), "ConcurrentModificationException", 400);
                }));
        assertEquals(4, calls.get());
        assertEquals(3, slept.size());
        assertEquals("ConcurrentModificationException", e.awsErrorCode().orElseThrow());
        assertEquals("req-1", e.awsRequestId().orElseThrow());
        assertTrue(e.getMessage().startsWith("PutTargets failed: ConcurrentModificationException"), e.getMessage());
    }

    @Test
    void doesNotRetryWhatWillFailAgainAndSaysWhichPermissionIsMissing() {
        AtomicInteger calls = new AtomicInteger();
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> backoff(0).call("PutRule",
                () -> {
                    calls.incrementAndGet();
                    throw error(AccessDeniedException.builder(), "AccessDeniedException", 400);
                }));
        assertEquals(1, calls.get());
        assertTrue(slept.isEmpty());
        assertTrue(e.getMessage().contains("Grant the caller events:PutRule"), e.getMessage());
    }

    @Test
    void retriesServerErrorsAndWhatTheCallerAdds() {
        assertTrue(Backoff.isRetryable(error(AwsServiceException.builder(), "InternalException", 500)));
        assertTrue(Backoff.isRetryable(error(AwsServiceException.builder(), "Whatever", 503)));
        assertFalse(Backoff.isRetryable(error(AwsServiceException.builder(), "ValidationException", 400)));
        AtomicInteger calls = new AtomicInteger();
        backoff(0).call("DeleteRule", () -> {
            if (calls.incrementAndGet() == 1) {
                throw error(AwsServiceException.builder(), "ValidationException", 400);
            }
            return null;
        }, e -> AwsErrors.hasCode(e, "ValidationException"));
        assertEquals(2, calls.get());
    }

    @Test
    void stopsRetryingWhenInterrupted() {
        Backoff interrupted = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(1), delay -> {
            throw new InterruptedException();
        }, () -> 0);
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> interrupted.call("PutRule",
                () -> {
                    throw error(ThrottlingException.builder(), "ThrottlingException", 400);
                }));
        assertTrue(Thread.interrupted(), "the interrupt flag is restored");
        assertTrue(e.getMessage().contains("interrupted"));
    }
}
