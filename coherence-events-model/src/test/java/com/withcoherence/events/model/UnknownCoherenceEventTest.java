package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownCoherenceEventTest {

    private static final Instant TIME = Instant.parse("2023-05-19T13:56:16Z");

    private static UnknownCoherenceEvent withDetail(String detailJson) {
        return new UnknownCoherenceEvent("0", "id-1", "paused_environments", "1", TIME, "us-east-1", List.of(),
                detailJson);
    }

    @Test
    void storesTheDetailInCompactFormSoEqualObjectsGiveEqualEvents() {
        UnknownCoherenceEvent pretty = withDetail("{\n  \"a\" : [ 1, 2.50, \"x\" ],\n  \"b\" : { }\n}");
        UnknownCoherenceEvent compact = withDetail("{\"a\":[1,2.50,\"x\"],\"b\":{}}");

        assertEquals("{\"a\":[1,2.50,\"x\"],\"b\":{}}", pretty.detailJson());
        assertEquals(compact, pretty);
    }

    @Test
    void roundTripsThroughTheWireForm() {
        UnknownCoherenceEvent event = withDetail("{\"paused_environments\":[{\"environment_name\":\"main\"}]}");

        assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
        assertEquals(event.detailJson(), CoherenceEvents.detailJson(event));
    }

    @Test
    void rejectsADetailThatIsNotExactlyOneJsonObject() {
        for (String bad : List.of("[]", "\"x\"", "{", "{} {}", "{\"a\":1,\"a\":2}", "not json")) {
            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> withDetail(bad), bad);
            assertEquals("/detail", e.pointer().substring(0, Math.min(7, e.pointer().length())), bad);
        }
        assertThrows(CoherenceEventException.class, () -> withDetail(null));
    }
}
