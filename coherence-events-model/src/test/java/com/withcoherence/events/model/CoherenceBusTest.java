package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoherenceBusTest {

    @Test
    void namesTheBusCoherenceCreatesForAnApp() {
        CoherenceBus bus = CoherenceBus.forApp("12309ijsdf-your-app-name");

        assertEquals("12309ijsdf-your-app-name-coherence-events", bus.name());
        assertEquals(Optional.of("12309ijsdf-your-app-name"), bus.appNameAndHash());
    }

    @Test
    void buildsTheBusArn() {
        CoherenceBus bus = CoherenceBus.forApp("app");

        assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/app-coherence-events",
                bus.arn("us-east-1", "123456789012"));
        assertEquals("arn:aws-cn:events:cn-north-1:123456789012:event-bus/app-coherence-events",
                bus.arn("aws-cn", "cn-north-1", "123456789012"));
    }

    @Test
    void buildsAnArnFromTheDocumentedSamplesTenDigitAccount() {
        CoherenceEvent event = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

        assertEquals("arn:aws:events:us-east-1:1234596789:event-bus/a-coherence-events",
                CoherenceBus.forApp("a").arn(event.region(), event.account()));
    }

    @Test
    void readsABusFromItsArn() {
        CoherenceBus bus = CoherenceBus.of("arn:aws:events:us-east-1:123456789012:event-bus/app-coherence-events");

        assertEquals(CoherenceBus.forApp("app"), bus);
        assertEquals(CoherenceBus.forApp("app"), CoherenceBus.of("app-coherence-events"));
    }

    @Test
    void hasNoAppNameWhenTheNameDoesNotFollowCoherencesConvention() {
        assertEquals(Optional.empty(), new CoherenceBus("my-bus").appNameAndHash());
        assertEquals(Optional.empty(), new CoherenceBus("-coherence-events").appNameAndHash());
    }

    @Test
    void exposesTheSourceAndDetailTypesOfCoherenceEvents() {
        assertEquals("Coherence", CoherenceBus.SOURCE);
        assertEquals("new_environments", CoherenceBus.NEW_ENVIRONMENTS);
        assertEquals("valid_environments", CoherenceBus.VALID_ENVIRONMENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "default", "has space", "slash/name", "ünïcode"})
    void rejectsNamesEventBridgeWouldRejectOrCoherenceNeverUses(String name) {
        CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> new CoherenceBus(name));

        assertTrue(e.getMessage().length() > 40, e.getMessage());
    }

    @Test
    void rejectsNullAndOverlongNamesAndBadArns() {
        assertThrows(CoherenceEventException.class, () -> new CoherenceBus(null));
        assertThrows(CoherenceEventException.class, () -> new CoherenceBus("a".repeat(257)));
        assertThrows(CoherenceEventException.class, () -> CoherenceBus.forApp(null));
        assertThrows(CoherenceEventException.class, () -> CoherenceBus.of("arn:aws:sqs:us-east-1:1:queue"));
        assertThrows(CoherenceEventException.class, () -> CoherenceBus.forApp("a").arn("us-east-1", "1:2"));
        assertThrows(CoherenceEventException.class, () -> CoherenceBus.forApp("a").arn("", "1"));
    }
    @Test
    void acceptsNamesUpTo256CharactersOfEveryAllowedKind() {
        String allowed = "azAZ09.-_";
        assertEquals(allowed, new CoherenceBus(allowed).name());
        assertEquals(256, new CoherenceBus("a".repeat(256)).name().length());
        assertThrows(CoherenceEventException.class, () -> new CoherenceBus("a".repeat(257)));
        for (char c : "`{@[/: ".toCharArray()) {
            assertThrows(CoherenceEventException.class, () -> new CoherenceBus("bus" + c), "character " + c);
        }
    }

    @Test
    void buildsArnsOnlyFromPartsWithoutColons() {
        CoherenceBus bus = CoherenceBus.forApp("app");

        assertEquals("arn:aws:events:us-east-1:1234596789:event-bus/app-coherence-events",
                bus.arn("us-east-1", "1234596789"));
        assertThrows(CoherenceEventException.class, () -> bus.arn("us-east-1", "12:34"));
        assertThrows(CoherenceEventException.class, () -> bus.arn("", "1234596789"));
        assertThrows(CoherenceEventException.class, () -> bus.arn(null, "1234596789"));
    }
}
