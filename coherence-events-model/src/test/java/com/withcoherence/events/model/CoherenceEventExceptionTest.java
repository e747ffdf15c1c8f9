package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CoherenceEventExceptionTest {

    @Test
    void carriesThePointerAndTheProblem() {
        CoherenceEventException e = new CoherenceEventException("/detail/x", "expected a string.");

        assertEquals("/detail/x", e.pointer());
        assertEquals("expected a string.", e.problem());
        assertEquals("Invalid Coherence event at /detail/x: expected a string.", e.getMessage());
    }

    @Test
    void namesTheDocumentRootWhenThePointerIsEmpty() {
        assertEquals("Invalid Coherence event at the document root: empty.",
                new CoherenceEventException("", "empty.").getMessage());
        assertEquals("", new CoherenceEventException(null, null).pointer());
    }

    @Test
    void movesUnderAPrefixKeepingCauseAndProblem() {
        IllegalStateException cause = new IllegalStateException();
        CoherenceEventException e = new CoherenceEventException("/id", "empty.", cause);

        CoherenceEventException moved = e.under("/Records/0/body");

        assertEquals("/Records/0/body/id", moved.pointer());
        assertEquals("empty.", moved.problem());
        assertSame(cause, moved.getCause());
        assertSame(e, e.under(""));
    }

    @Test
    void saysWhatWasInvalidWhenItIsNotAnEvent() {
        assertEquals("Invalid tracker state at /environments/0: expected an object.",
                CoherenceEventException.about("Invalid tracker state", "/environments/0", "expected an object.")
                        .getMessage());
        assertEquals("Invalid argument: handler must not be null.",
                CoherenceEventException.about("Invalid argument", "", "handler must not be null.").getMessage());
        assertEquals("Invalid tracker state at /x/y: bad.",
                CoherenceEventException.about("Invalid tracker state", "/y", "bad.").under("/x").getMessage());
    }

    @Test
    void namesTheArgumentThatIsMissing() {
        CoherenceEventException e = org.junit.jupiter.api.Assertions.assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS).dispatch(null));

        assertEquals("Invalid argument: handler must not be null.", e.getMessage());
    }
}
