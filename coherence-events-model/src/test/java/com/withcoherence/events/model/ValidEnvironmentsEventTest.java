package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidEnvironmentsEventTest {

    private static final Instant TIME = Instant.parse("2023-05-19T13:56:16Z");
    private static final Environment MAIN = new Environment("E1", "main", "app");

    @Test
    void isItsDetailTypeFromCoherence() {
        ValidEnvironmentsEvent event = new ValidEnvironmentsEvent("0", "id-1", "1234596789", TIME, "us-east-1",
                List.of(), List.of(MAIN));

        assertEquals("valid_environments", event.detailType());
        assertEquals("Coherence", event.source());
    }

    @Test
    void copiesItsListsSoLaterChangesDoNotLeakIn() {
        List<Environment> environments = new ArrayList<>(List.of(MAIN));
        List<String> resources = new ArrayList<>(List.of("arn:1"));

        ValidEnvironmentsEvent event = new ValidEnvironmentsEvent("0", "id-1", "1", TIME, "us-east-1", resources,
                environments);
        environments.clear();
        resources.clear();

        assertEquals(List.of(MAIN), event.environments());
        assertEquals(List.of("arn:1"), event.resources());
    }

    @Test
    void namesTheMemberOfAnInvalidComponent() {
        assertEquals("/id", assertThrows(CoherenceEventException.class,
                () -> new ValidEnvironmentsEvent("0", "", "1", TIME, "r", List.of(), List.of())).pointer());
        assertEquals("/time", assertThrows(CoherenceEventException.class,
                () -> new ValidEnvironmentsEvent("0", "i", "1", null, "r", List.of(), List.of())).pointer());
        assertEquals("/resources", assertThrows(CoherenceEventException.class,
                () -> new ValidEnvironmentsEvent("0", "i", "1", TIME, "r", null, List.of())).pointer());
        assertEquals("/detail/valid_environments/1", assertThrows(CoherenceEventException.class,
                () -> new ValidEnvironmentsEvent("0", "i", "1", TIME, "r", List.of(),
                        Arrays.asList(MAIN, null))).pointer());
    }

    @Test
    void roundTripsThroughTheWireForm() {
        ValidEnvironmentsEvent event = new ValidEnvironmentsEvent("0", "id-1", "123456789012",
                Instant.parse("2023-05-19T13:56:16.123456Z"), "eu-west-1", List.of("arn:1"), List.of(MAIN));

        assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
    }
}
