package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of pattern cases in {@code patterns/bus-cases.json}, run three ways: a rule on a bus that an event is put
 * on, TestEventPattern, and (for rejected patterns) PutRule's error.
 */
class PatternValidationTest {

    static final String BUS = "cases";
    static final String TARGET = "arn:aws:sqs:us-east-1:123456789012:cases";

    static JsonNode table() throws IOException {
        try (InputStream in = PatternValidationTest.class.getResourceAsStream("/patterns/bus-cases.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode table = table();
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : table.get("cases")) {
            JsonNode pattern = c.get("pattern");
            String patternText = pattern.isTextual() ? pattern.textValue() : Json.write(pattern);
            JsonNode event = c.has("event") ? event(table, c.get("event").textValue()) : null;
            cases.add(Arguments.of(c.get("name").textValue(), patternText, event,
                    c.has("rejected") ? c.get("rejected").textValue() : null,
                    c.has("matches") && c.get("matches").booleanValue()));
        }
        return cases.stream();
    }

    static JsonNode event(JsonNode table, String name) {
        switch (name) {
            case "documented-new":
                return Json.parseOrNull(CoherenceFixtures.documentedNewEnvironmentsJson());
            case "documented-valid":
                return Json.parseOrNull(CoherenceFixtures.documentedValidEnvironmentsJson());
            default:
                ObjectNode event = Json.MAPPER.createObjectNode();
                event.put("version", "0");
                event.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
                event.put("account", InMemoryEventBridge.DEFAULT_ACCOUNT);
                event.put("region", InMemoryEventBridge.DEFAULT_REGION);
                event.setAll((ObjectNode) table.get("events").get(name));
                return event;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsEachCaseThroughTheBusAndTestEventPattern(String name, String pattern, JsonNode event, String rejected,
            boolean matches) {
        InMemoryEventBridge bridge = InMemoryEventBridge.create();
        bridge.createEventBus(BUS);
        if (rejected != null) {
            String expected = "Event pattern is not valid. Reason: " + rejected;
            EventBridgeServiceException onPut = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("rule", BUS, pattern)));
            assertEquals("InvalidEventPatternException", onPut.errorCode());
            assertTrue(onPut.getMessage().startsWith(expected), onPut.getMessage());
            EventBridgeServiceException onTest = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.testEventPattern(pattern, CoherenceFixtures.documentedNewEnvironmentsJson()));
            assertEquals(onPut.getMessage(), onTest.getMessage());
            assertTrue(bridge.listRules(BUS).isEmpty());
            return;
        }
        bridge.putRule(RuleDefinition.of("rule", BUS, pattern));
        bridge.putTargets(BUS, "rule", List.of(Target.of("t", TARGET)));
        PutEventsEntry.Builder entry = PutEventsEntry.builder().eventBusName(BUS)
                .source(event.get("source").textValue())
                .detailType(event.get("detail-type").textValue())
                .detail(Json.write(event.get("detail")))
                .time(Instant.parse(event.get("time").textValue()));
        event.get("resources").forEach(resource -> entry.resource(resource.textValue()));

        assertEquals(0, bridge.putEvents(List.of(entry.build())).failedEntryCount());

        assertEquals(matches ? 1 : 0, bridge.deliveryLog().countTo(TARGET), "delivered by the bus");
        assertEquals(matches, bridge.testEventPattern(pattern, Json.write(event)), "TestEventPattern");
    }

    @Test
    void theTableCoversEveryOperator() throws IOException {
        String all = Json.write(table().get("cases"));
        for (String operator : List.of("prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but",
                "numeric", "cidr", "exists", "$or", "null", "\"\"")) {
            assertTrue(all.contains(operator), operator);
        }
    }
}
