package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pattern error: EventBridge's message, the reason, the pointer, and the API's answer. */
class EventPatternExceptionTest {

    @Test
    void carriesEventBridgesMessageAndTheReasonApart() {
        EventPatternException e = new EventPatternException("/source", "\"source\" must be an object or an array");

        assertEquals("Event pattern is not valid. Reason: \"source\" must be an object or an array", e.getMessage());
        assertEquals("\"source\" must be an object or an array", e.reason());
        assertEquals(e.reason(), e.problem());
        assertEquals("/source", e.pointer());
        assertEquals("InvalidEventPatternException", e.awsErrorCode());
        assertEquals(e.getMessage(), e.awsErrorMessage());
    }

    @Test
    void keepsItsCause() {
        IllegalStateException cause = new IllegalStateException("boom");

        assertSame(cause, new EventPatternException("", "why", cause).getCause());
    }

    @Test
    void isTheOnlySubclassOfTheSealedCoherenceEventException() {
        assertTrue(CoherenceEventException.class.isSealed());
        assertArrayEquals(new Class<?>[] {EventPatternException.class},
                CoherenceEventException.class.getPermittedSubclasses());
    }

    @Test
    void theBaseExceptionKeepsItsOwnMessageFormat() {
        CoherenceEventException e = new CoherenceEventException("/detail", "must be an object");

        assertEquals("Invalid Coherence event at /detail: must be an object", e.getMessage());
    }

    @Test
    void anEventBridgeRejectionCarriesThePointerOfTheOffendingValue() {
        EventPatternException e = assertThrows(EventPatternException.class,
                () -> EventPattern.of("{\"detail\": {\"state\": [{\"anything-but\": null}]}}"));

        assertEquals("/detail/state/0/anything-but", e.pointer());
    }

    @Test
    void pointsAtAStringOperandEventRulerRejectedAfterReadingIt() {
        EventPatternException e = assertThrows(EventPatternException.class,
                () -> EventPattern.of("{\"detail\": {\"FileName\": [{\"anything-but\": {\"prefix\": \"\"}}]}}"));

        assertEquals("/detail/FileName/0/anything-but/prefix", e.pointer());
    }
}
