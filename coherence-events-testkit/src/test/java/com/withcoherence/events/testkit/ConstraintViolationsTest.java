package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintViolationsTest {

    @Test
    void reportsEveryViolationOfARequestInAwsFormat() {
        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class, () -> new ConstraintViolations()
                .required(null, "name")
                .length("", "eventBusName", 1, 1600)
                .size(List.of(1, 2, 3), "ids", 1, 2)
                .range(-1, "limit", 1, 100)
                .throwIfAny());
        assertEquals("ValidationException", e.errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("4 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must "
                + "not be null; Value '' at 'eventBusName' failed to satisfy constraint: Member must have length "
                + "greater than or equal to 1; Value '[1, 2, 3]' at 'ids' failed to satisfy constraint: Member must "
                + "have length less than or equal to 2; Value '-1' at 'limit' failed to satisfy constraint: Member "
                + "must have value greater than or equal to 1", e.getMessage());
    }

    @Test
    void quotesALongValueOnlyUpToItsStartAndSaysHowLongItWas() {
        String pattern = "{\"source\": [\"" + "x".repeat(5000) + "\"]}";
        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class, () -> new ConstraintViolations()
                .length(pattern, "eventPattern", 0, 4096)
                .throwIfAny());
        assertEquals("1 validation error detected: Value '" + pattern.substring(0, ConstraintViolations.MAX_QUOTED)
                + "... (" + pattern.length() + " characters)' at 'eventPattern' failed to satisfy constraint: Member "
                + "must have length less than or equal to 4096", e.getMessage());
        assertEquals("ab", ConstraintViolations.quote("ab"));
        String emoji = "x".repeat(ConstraintViolations.MAX_QUOTED - 1) + "\uD83D\uDE00";
        assertTrue(ConstraintViolations.quote(emoji).startsWith("x".repeat(ConstraintViolations.MAX_QUOTED - 1)
                + "... "), "a surrogate pair is never cut in half");
    }

    @Test
    void neverQuotesAPayloadOrAListOfStructures() {
        String secret = "SECRET-PAYLOAD-MARKER";
        String input = "{\"token\": \"" + secret + "\", \"padding\": \"" + "p".repeat(8192) + "\"}";
        PutEventsEntry entry = PutEventsEntry.builder().source("Coherence").detailType("d")
                .detail("{\"token\": \"" + secret + "\"}").build();
        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class, () -> new ConstraintViolations()
                .length(input, "targets.1.member.input", 0, 8192)
                .length(input, "targets.2.member.inputTransformer.inputTemplate", 1, 8192)
                .size(java.util.Collections.nCopies(11, entry), "entries", 1, 10)
                .size(List.of(entry), "entries", 2, 10)
                .throwIfAny());
        assertEquals("4 validation errors detected: Value '(" + input.length() + " characters, not shown)' at "
                + "'targets.1.member.input' failed to satisfy constraint: Member must have length less than or equal "
                + "to 8192; Value '(" + input.length() + " characters, not shown)' at "
                + "'targets.2.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have "
                + "length less than or equal to 8192; Value '[11 PutEventsRequestEntry items, not shown]' at "
                + "'entries' failed to satisfy constraint: Member must have length less than or equal to 10; Value "
                + "'[1 PutEventsRequestEntry item, not shown]' at 'entries' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 2", e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    void quotesAListOfStringsAsTheServiceDoesWithinTheBound() {
        List<String> ids = java.util.Collections.nCopies(101, "target-id-" + "x".repeat(50));
        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class, () -> new ConstraintViolations()
                .size(ids, "ids", 1, 100)
                .throwIfAny());
        assertTrue(e.getMessage().startsWith("1 validation error detected: Value '[target-id-xxx"), e.getMessage());
        assertTrue(e.getMessage().contains("... (" + ids.toString().length() + " characters)' at 'ids'"),
                e.getMessage());
        assertTrue(e.getMessage().length() < ConstraintViolations.MAX_QUOTED + 200, e.getMessage());
    }

    @Test
    void passesValidMembersAndIgnoresAbsentOptionalOnes() {
        ConstraintViolations violations = new ConstraintViolations()
                .length(null, "description", 0, 512)
                .matches("rule-1.a_b", "name", ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT)
                .matches("arn:aws:events:us-east-1:123456789012:event-bus/bus", "eventBusName",
                        ConstraintViolations.BUS_NAME_OR_ARN, ConstraintViolations.BUS_NAME_OR_ARN_TEXT)
                .range(null, "limit", 1, 100);
        assertTrue(violations.isEmpty());
        violations.throwIfAny();
    }
}
