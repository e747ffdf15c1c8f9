package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static DeliveryAttempt attempt(DeliveryLog log, String target, boolean succeeded) {
        return new DeliveryAttempt(log.nextSequence(), "id-" + target, "bus", "rule", "arn:rule", "t", target,
                CoherenceFixtures.documentedNewEnvironmentsJson(), NOW, 1, succeeded,
                succeeded ? Optional.empty() : Optional.of("ERROR_FROM_TARGET"), Optional.empty(), Optional.empty());
    }

    @Test
    void answersWhatWasDeliveredWhereHowOftenAndInWhatForm() {
        DeliveryLog log = new DeliveryLog();
        log.add(attempt(log, "a", true));
        log.add(attempt(log, "b", false));
        log.add(attempt(log, "a", true));

        assertEquals(2, log.countTo("a"));
        assertEquals(0, log.countTo("b"));
        assertEquals(2, log.deliveries().size());
        assertEquals(1, log.failedAttempts().size());
        assertEquals(3, log.attempts().size());
        assertEquals(List.of(1L, 3L), log.deliveriesTo("a").stream().map(DeliveryAttempt::sequence).toList());
        assertEquals(CoherenceFixtures.documentedNewEnvironments(), log.eventsTo("a").get(0));
        assertEquals(CoherenceFixtures.documentedNewEnvironmentsJson(), log.payloadsTo("a").get(1));
        assertEquals(0, log.countTo(null));
    }

    @Test
    void assertionsSayWhatWasDelivered() {
        DeliveryLog log = new DeliveryLog();
        log.add(attempt(log, "a", true));
        log.assertDeliveredTo("a", 1);
        log.assertNothingDeliveredTo("b");

        AssertionError error = assertThrows(AssertionError.class, () -> log.assertDeliveredTo("b", 2));
        assertEquals("expected 2 deliveries to b but found 0; deliveries per target: {a=1}, failed attempts: 0, "
                + "dead letters: 0, diagnostics: 0", error.getMessage());
        assertThrows(AssertionError.class, () -> log.assertNothingDeliveredTo("a"));
    }

    @Test
    void separatesDeadLettersFromDroppedEventsAndClears() {
        DeliveryLog log = new DeliveryLog();
        log.add(new DeadLetter(log.nextSequence(), "e1", "bus", "arn:rule", "t", "arn:t", Optional.of("arn:dlq"),
                "{}", Map.of("ERROR_CODE", "NO_RESOURCE"), NOW));
        log.add(new DeadLetter(log.nextSequence(), "e2", "bus", "arn:rule", "t", "arn:t", Optional.empty(), "{}",
                Map.of(), NOW));
        log.add(new Diagnostic(NOW, Diagnostic.EVENT_BUS_NOT_FOUND, "dropped", Optional.of("e3")));

        assertEquals(List.of("e1"), log.deadLettersIn("arn:dlq").stream().map(DeadLetter::eventId).toList());
        assertEquals(List.of("e2"), log.dropped().stream().map(DeadLetter::eventId).toList());
        assertEquals("NO_RESOURCE", log.deadLetters().get(0).errorCode());
        assertEquals(1, log.diagnostics().size());

        log.clear();
        assertTrue(log.deadLetters().isEmpty() && log.diagnostics().isEmpty() && log.attempts().isEmpty());
    }
}
