package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsubscribeResultTest {

    @Test
    void namesItsMissingPartsInsteadOfThrowingANullPointerException() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new UnsubscribeResult("r", List.of(), null));

        assertEquals(List.of("leftToRemove"), e.problems().stream().map(Problem::field).toList());
    }

    @Test
    void removedNothingWithoutChanges() {
        assertFalse(new UnsubscribeResult("r", List.of(), List.of()).removed());
    }
}
