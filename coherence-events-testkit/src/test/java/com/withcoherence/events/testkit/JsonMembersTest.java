package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMembersTest {

    static JsonMembers parse(String json) {
        return JsonMembers.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static WireError serializationError(Runnable read) {
        WireError e = assertThrows(WireError.class, read::run);
        assertEquals("SerializationException", e.errorCode());
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void readsTimestampsAsTheJsonProtocolSendsThem() {
        JsonMembers in = parse("{\"Whole\": 1684504576, \"Fraction\": 1684504576.25, \"Before1970\": -1.5}");
        assertEquals(Instant.parse("2023-05-19T13:56:16Z"), in.timestamp("Whole"));
        assertEquals(Instant.parse("2023-05-19T13:56:16.250Z"), in.timestamp("Fraction"));
        assertEquals(Instant.parse("1969-12-31T23:59:58.500Z"), in.timestamp("Before1970"));
        assertNull(in.timestamp("Absent"));
    }

    @Test
    void refusesTimestampsNoInstantCanHoldWithoutArbitraryPrecisionArithmetic() {
        for (String value : List.of("1e999999999", "9223372036854775807", "-1e300", "123456789012345678901234567890")) {
            WireError e = serializationError(() -> parse("{\"Time\": " + value + "}").timestamp("Time"));
            assertTrue(e.getMessage().contains("at /Time"), e.getMessage());
        }
    }

    @Test
    void readsListsAndMapsKeepingNullElementsForTheServiceToName() {
        JsonMembers in = parse("{\"Ids\": [\"a\", null], \"Entries\": [null, {\"Source\": \"s\"}], "
                + "\"Paths\": {\"b\": \"$.b\", \"a\": \"$.a\"}}");
        assertEquals(Arrays.asList("a", null), in.strings("Ids"));
        List<JsonMembers> entries = in.objects("Entries");
        assertNull(entries.get(0));
        assertEquals("s", entries.get(1).string("Source"));
        assertEquals("/Entries/1", entries.get(1).pointer());
        assertEquals(List.of("b", "a"), List.copyOf(in.stringMap("Paths").keySet()), "in the order sent");
        assertEquals(Map.of("a", "$.a", "b", "$.b"), in.stringMap("Paths"));
    }

    @Test
    void namesAWrongTypeByJsonPointerAndSaysWhatToSend() {
        WireError e = serializationError(() -> parse("{\"Targets\": [{\"RetryPolicy\": "
                + "{\"MaximumRetryAttempts\": \"3\"}}]}").objects("Targets").get(0).object("RetryPolicy")
                .integer("MaximumRetryAttempts"));
        assertEquals("Expected an integer from -2147483648 to 2147483647 at /Targets/0/RetryPolicy/"
                + "MaximumRetryAttempts but found a string; send MaximumRetryAttempts as a JSON number without a "
                + "fraction.", e.getMessage());
    }

    @Test
    void takesAnEmptyBodyAsAnEmptyRequestAndRefusesAnythingButAnObject() {
        assertNull(JsonMembers.parse(new byte[0]).string("Name"));
        serializationError(() -> parse("null"));
        serializationError(() -> parse("42"));
        serializationError(() -> parse("{\"a\": 1"));
    }
}
