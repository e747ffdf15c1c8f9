package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
