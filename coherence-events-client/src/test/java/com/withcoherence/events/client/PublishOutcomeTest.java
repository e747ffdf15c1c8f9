package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishOutcomeTest {

    @Test
    void anAcceptedEntryHasItsEventId() {
        assertEquals("eventId", assertThrows(CoherenceClientException.class,
                () -> new PublishOutcome.Accepted(0, null, 1)).problems().get(0).field());
    }

    @Test
    void aFailedEntryHasEventBridgesErrorCodeAndMessage() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new PublishOutcome.Failed(0, null, null, 1, false));

        assertEquals(List.of("errorCode", "errorMessage"), e.problems().stream().map(Problem::field).toList());
    }
}
