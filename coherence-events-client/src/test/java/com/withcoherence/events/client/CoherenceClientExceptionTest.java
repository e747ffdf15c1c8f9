package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's one exception says what is wrong, where, and keeps what AWS answered. */
class CoherenceClientExceptionTest {

    @Test
    void listsEveryValidationProblemOnItsOwnLine() {
        CoherenceClientException e = CoherenceClientException.invalid("Subscription 'x'", List.of(
                new Problem("name", "too long"), new Problem("targets[0].id", "bad")));
        assertEquals("Subscription 'x' is invalid (2 problems); nothing was sent to AWS:\n  name: too long\n"
                + "  targets[0].id: bad", e.getMessage());
        assertEquals(2, e.problems().size());
        assertTrue(e.awsErrorCode().isEmpty() && e.awsRequestId().isEmpty());
    }

    @Test
    void keepsAwsErrorCodeRequestIdAndCause() {
        RuntimeException cause = new RuntimeException("sdk");
        CoherenceClientException e = CoherenceClientException.aws("PutRule failed", "LimitExceededException", "r-1",
                cause);
        assertEquals("LimitExceededException", e.awsErrorCode().orElseThrow());
        assertEquals("r-1", e.awsRequestId().orElseThrow());
        assertEquals(cause, e.getCause());
        assertEquals(List.of(), e.problems());
    }

    @Test
    void aProblemPrintsAsFieldAndMessage() {
        assertEquals("targets[2].retryPolicy.maximumEventAgeInSeconds: is 0",
                new Problem("targets[2].retryPolicy.maximumEventAgeInSeconds", "is 0").toString());
    }
}
