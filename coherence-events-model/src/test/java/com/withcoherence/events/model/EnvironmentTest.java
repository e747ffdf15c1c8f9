package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void isAValueOfItsThreeFields() {
        assertEquals(new Environment("E1", "main", "app"), new Environment("E1", "main", "app"));
        assertNotEquals(new Environment("E1", "main", "app"), new Environment("E2", "main", "app"));
    }

    @Test
    void namesTheJsonMemberOfAMissingValue() {
        assertEquals("/cloudfront_id",
                assertThrows(CoherenceEventException.class, () -> new Environment(null, "main", "app")).pointer());
        assertEquals("/environment_name",
                assertThrows(CoherenceEventException.class, () -> new Environment("E1", "", "app")).pointer());
        assertEquals("/application_name",
                assertThrows(CoherenceEventException.class, () -> new Environment("E1", "main", null)).pointer());
    }
}
