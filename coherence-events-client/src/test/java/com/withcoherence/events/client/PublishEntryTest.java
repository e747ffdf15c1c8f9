package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An entry is checked as EventBridge checks one, and measured as EventBridge measures it. */
class PublishEntryTest {

    @Test
    void publishesACoherenceEventWithItsSourceDetailTypeDetailAndTime() {
        CoherenceEvent event = CoherenceFixtures.documentedNewEnvironments();
        PublishEntry entry = PublishEntry.of(event);
        assertEquals("Coherence", entry.source());
        assertEquals("new_environments", entry.detailType());
        assertEquals(CoherenceEvents.detailJson(event), entry.detail());
        assertEquals(Optional.of(Instant.parse("2023-05-19T13:56:16Z")), entry.time());
        assertEquals(List.of(), entry.resources());
    }

    @Test
    void measuresTheEntryWithEventBridgesFormula() {
        // UTF-8 bytes of source, detail-type, detail and each resource, plus 14 for a time.
        PublishEntry plain = PublishEntry.of("my.app", "ready", "{\"name\":\"é\"}");
        assertEquals(6 + 5 + "{\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8).length, plain.size());
        PublishEntry full = new PublishEntry("my.app", "ready", "{}", List.of("arn:aws:s3:::b"),
                Optional.of(Instant.EPOCH));
        assertEquals(14 + 6 + 5 + 2 + 14, full.size());
    }

    @Test
    void acceptsAnEntryJustBelow256KbAndRejectsOneAtTheLimit() {
        String source = "s";
        String type = "t";
        int room = PublishEntry.MAX_SIZE - 1 - source.length() - type.length() - "{\"d\":\"\"}".length();
        PublishEntry largest = PublishEntry.of(source, type, "{\"d\":\"" + "x".repeat(room) + "\"}");
        assertEquals(PublishEntry.MAX_SIZE - 1, largest.size());
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> PublishEntry.of(source, type, "{\"d\":\"" + "x".repeat(room + 1) + "\"}"));
        assertEquals("detail", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("262144 bytes is the limit") || e.problems().get(0)
                .message().contains("below 262144 bytes"), e.getMessage());
    }

    @Test
    void rejectsWhatEventBridgeRejectsAllAtOnce() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new PublishEntry("", null, "[1]", null, null));
        assertEquals(List.of("source", "detailType", "detail", "resources", "time"),
                e.problems().stream().map(Problem::field).toList());
        for (String detail : new String[] {"\"text\"", "[]", "{", "{} {}", "42"}) {
            CoherenceClientException bad = assertThrows(CoherenceClientException.class,
                    () -> PublishEntry.of("s", "t", detail), detail);
            assertTrue(bad.getMessage().contains("Detail is malformed."), bad.getMessage());
        }
        assertThrows(CoherenceClientException.class, () -> PublishEntry.of((CoherenceEvent) null));
    }
}
