package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
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

    @Test
    void tellsSubscribersEveryRecordAsItIsAddedUntilTheyUnsubscribe() {
        DeliveryLog log = new DeliveryLog();
        List<String> seen = new ArrayList<>();
        DeliveryLog.Subscription subscription = log.subscribe(new DeliveryLog.Listener() {
            @Override
            public void onAttempt(DeliveryAttempt attempt) {
                seen.add("attempt " + attempt.targetArn());
            }

            @Override
            public void onDeadLetter(DeadLetter deadLetter) {
                seen.add("dead letter " + deadLetter.eventId());
            }

            @Override
            public void onDiagnostic(Diagnostic diagnostic) {
                seen.add("diagnostic " + diagnostic.code());
            }
        });
        DeliveryLog.Subscription attemptsOnly = log.subscribe(attempt -> seen.add("lambda " + attempt.targetArn()));

        log.add(attempt(log, "a", true));
        log.add(new DeadLetter(log.nextSequence(), "e1", "bus", "arn:rule", "t", "arn:t", Optional.empty(), "{}",
                Map.of(), NOW));
        log.add(new Diagnostic(NOW, Diagnostic.EVENT_BUS_NOT_FOUND, "dropped", Optional.of("e3")));
        subscription.close();
        subscription.close();
        log.add(attempt(log, "b", true));
        attemptsOnly.close();
        log.add(attempt(log, "c", true));

        assertEquals(List.of("attempt a", "lambda a", "dead letter e1", "diagnostic EVENT_BUS_NOT_FOUND", "lambda b"),
                seen);
        assertThrows(IllegalArgumentException.class, () -> log.subscribe(null));
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheDeliveryNorSilenceOtherListeners() {
        DeliveryLog log = new DeliveryLog();
        List<String> seen = new ArrayList<>();
        log.subscribe(attempt -> {
            throw new IllegalStateException("broken listener");
        });
        log.subscribe(attempt -> seen.add(attempt.targetArn()));

        log.add(attempt(log, "a", true));

        assertEquals(List.of("a"), seen);
        assertEquals(1, log.attempts().size());
    }

    @Test
    void keepsOnlyTheMostRecentRecordsOfEachKindWhenBounded() {
        DeliveryLog log = new DeliveryLog(2);
        List<String> seen = new ArrayList<>();
        log.subscribe(attempt -> seen.add(attempt.targetArn()));
        for (String target : List.of("a", "b", "c", "d")) {
            log.add(attempt(log, target, true));
            log.add(new Diagnostic(NOW, Diagnostic.EVENT_BUS_NOT_FOUND, target, Optional.empty()));
        }
        assertEquals(List.of("c", "d"), log.attempts().stream().map(DeliveryAttempt::targetArn).toList());
        assertEquals(List.of("c", "d"), log.diagnostics().stream().map(Diagnostic::message).toList());
        assertEquals(List.of("a", "b", "c", "d"), seen, "subscribers see everything");
        assertEquals(1, log.countTo("d"));
    }

    @Test
    void aBridgeBuiltWithACapacityKeepsItsLogFlat() {
        InMemoryEventBridge bridge = InMemoryEventBridge.builder().deliveryLogCapacity(3).build();
        bridge.putRule(RuleDefinition.of("all", null, "{\"source\": [\"Coherence\"]}"));
        bridge.putTargets(null, "all", List.of(Target.of("t", "arn:aws:sqs:us-east-1:123456789012:q")));
        for (int i = 0; i < 10; i++) {
            bridge.putEvents(null, CoherenceFixtures.documentedNewEnvironments());
        }
        assertEquals(3, bridge.deliveryLog().attempts().size());
        assertEquals(List.of(8L, 9L, 10L), bridge.deliveryLog().attempts().stream().map(DeliveryAttempt::sequence)
                .toList());
        assertThrows(IllegalArgumentException.class, () -> InMemoryEventBridge.builder().deliveryLogCapacity(0));
    }
}
