package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryFailureTest {

    @Test
    void choosesEntriesByZeroBasedIndex() {
        EntryFailure<String> failure = EntryFailure.atIndexes(0, 2);
        assertTrue(failure.chooses(0, "a", 0.9));
        assertFalse(failure.chooses(1, "b", 0.0));
        assertTrue(failure.chooses(2, "c", 0.9));
        assertFalse(failure.isRandom());
    }

    @Test
    void choosesEntriesByPredicate() {
        EntryFailure<String> failure = EntryFailure.matching(entry -> entry.startsWith("fail"));
        assertTrue(failure.chooses(5, "fail-me", 0.9));
        assertFalse(failure.chooses(0, "keep", 0.0));
    }

    @Test
    void choosesEntriesByProbability() {
        EntryFailure<String> failure = EntryFailure.withProbability(0.25, 3);
        assertTrue(failure.isRandom());
        assertTrue(failure.chooses(0, "a", 0.2));
        assertFalse(failure.chooses(0, "a", 0.25));
        assertEquals(3, failure.seed());
    }

    @Test
    void defaultsToInternalFailureForEveryCallAndCanBeNarrowed() {
        EntryFailure<String> failure = EntryFailure.atIndexes(0);
        assertEquals(EntryFailure.INTERNAL_FAILURE, failure.errorCode());
        assertEquals(Optional.empty(), failure.calls());
        EntryFailure<String> narrowed = failure.withErrorCode(EntryFailure.THROTTLING).times(2);
        assertEquals(EntryFailure.THROTTLING, narrowed.errorCode());
        assertEquals(Optional.of(2), narrowed.calls());
        assertEquals("Rate exceeded", narrowed.errorMessage());
        assertEquals(EntryFailure.INTERNAL_FAILURE, failure.errorCode(), "instances are immutable");
        assertTrue(narrowed.toString().contains("atIndexes[0]"), narrowed.toString());
    }

    @Test
    void refusesWhatCannotChooseAnything() {
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.atIndexes());
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.atIndexes(-1));
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.matching(null));
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.withProbability(1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.withProbability(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.atIndexes(0).withErrorCode(""));
        assertThrows(IllegalArgumentException.class, () -> EntryFailure.atIndexes(0).times(0));
    }
}
