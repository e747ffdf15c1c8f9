package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A result accounts for every entry, accepted or failed, in the order published. */
class PublishResultTest {

    @Test
    void splitsTheOutcomesInOrder() {
        PublishResult result = new PublishResult(List.of(new PublishOutcome.Accepted(0, "e-0", 1),
                new PublishOutcome.Failed(1, "ThrottlingException", "Rate exceeded", 5, true),
                new PublishOutcome.Accepted(2, "e-2", 2)));
        assertFalse(result.allAccepted());
        assertEquals(List.of(0, 2), result.accepted().stream().map(PublishOutcome::index).toList());
        assertEquals("ThrottlingException", result.failed().get(0).errorCode());
        assertEquals("2 accepted, 1 failed", result.toString());
    }

    @Test
    void namesANullOutcomeInsteadOfThrowingANullPointerException() {
        assertEquals("outcomes[1]", org.junit.jupiter.api.Assertions.assertThrows(CoherenceClientException.class,
                () -> new PublishResult(java.util.Arrays.asList(new PublishOutcome.Accepted(0, "e-0", 1), null)))
                .problems().get(0).field());
        assertEquals("outcomes", org.junit.jupiter.api.Assertions.assertThrows(CoherenceClientException.class,
                () -> new PublishResult(null)).problems().get(0).field());
    }

    @Test
    void anEmptyPublishAcceptedEverything() {
        assertTrue(new PublishResult(List.of()).allAccepted());
    }
}
