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
import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.model.PatternConformance;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pattern cases run through the bus: the model's conformance table ({@link PatternConformance}, shared with
 * {@code EventPattern.of}'s own tests) and the testkit's {@code patterns/bus-cases.json}, each case three ways: a rule
 * on a bus that the event is put on, TestEventPattern, and (for rejected patterns) PutRule's error.
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

    /** The envelope members PutEvents can carry; an event with others cannot be put as it is. */
    static final Set<String> PUTTABLE = Set.of("version", "id", "detail-type", "source", "account", "time", "region",
            "resources", "detail");

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.withcoherence.events.model.PatternConformance#cases")
    void runsTheModelsConformanceTableThroughTheBus(PatternConformance.Case c) {
        JsonNode event = Json.parseOrNull(c.event());
        InMemoryEventBridge bridge = InMemoryEventBridge.builder()
                .account(event.path("account").asText(InMemoryEventBridge.DEFAULT_ACCOUNT))
                .region(event.path("region").asText(InMemoryEventBridge.DEFAULT_REGION))
                .maxPatternLength(EventPattern.API_MAX_LENGTH)
                .build();
        bridge.createEventBus(BUS);
        if (c.error().isPresent()) {
            PatternConformance.ExpectedError expected = c.error().get();
            EventBridgeServiceException onPut = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("rule", BUS, c.pattern())));
            assertEquals(expected.code(), onPut.errorCode());
            assertEquals(expected.message(), onPut.getMessage());
            EventBridgeServiceException onTest = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.testEventPattern(c.pattern(), c.event()));
            assertEquals(expected.message(), onTest.getMessage());
            return;
        }
        boolean matches = c.matches().orElseThrow();
        assertEquals(matches, bridge.testEventPattern(c.pattern(), c.event()), "TestEventPattern");
        Optional<PutEventsEntry> entry = asEntry(event, c.pattern());
        if (entry.isEmpty()) {
            return;
        }
        bridge.putRule(RuleDefinition.of("rule", BUS, c.pattern()));
        bridge.putTargets(BUS, "rule", List.of(Target.of("t", TARGET)));
        assertEquals(0, bridge.putEvents(List.of(entry.get())).failedEntryCount());
        assertEquals(matches ? 1 : 0, bridge.deliveryLog().countTo(TARGET), "delivered by the bus");
    }

    @Test
    void mostOfTheModelsValidCasesAlsoRunThroughPutEvents() {
        long puttable = PatternConformance.validCases().stream()
                .filter(c -> asEntry(Json.parseOrNull(c.event()), c.pattern()).isPresent()).count();
        assertTrue(puttable >= 80, "only " + puttable + " cases could be put on the bus");
    }

    /**
     * The PutEvents entry that makes the bus deliver exactly {@code event}, if there is one: the event must have an
     * object detail, string source and detail-type, a time in whole seconds, only envelope members, and a pattern
     * that does not look at the id the service replaces.
     */
    static Optional<PutEventsEntry> asEntry(JsonNode event, String pattern) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        if (!PUTTABLE.containsAll(names) || !event.path("detail").isObject() || !event.path("source").isTextual()
                || !event.path("detail-type").isTextual() || !event.path("version").asText("0").equals("0")
                || pattern.contains("\"id\"") || !event.path("time").isTextual()
                || !event.path("time").textValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
            return Optional.empty();
        }
        PutEventsEntry.Builder entry = PutEventsEntry.builder().eventBusName(BUS)
                .source(event.get("source").textValue())
                .detailType(event.get("detail-type").textValue())
                .detail(Json.write(event.get("detail")))
                .time(Instant.parse(event.get("time").textValue()));
        for (JsonNode resource : event.path("resources")) {
            if (!resource.isTextual()) {
                return Optional.empty();
            }
            entry.resource(resource.textValue());
        }
        return Optional.of(entry.build());
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
