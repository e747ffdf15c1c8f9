package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class RoutingTest {

    static final String VALID_TWO = "{\"source\": \"Coherence\", \"detail-type\": \"valid_environments\", "
            + "\"detail\": {\"valid_environments\": ["
            + "{\"cloudfront_id\": \"E1\", \"environment_name\": \"main\", \"application_name\": \"app\"}, "
            + "{\"cloudfront_id\": \"E2\", \"environment_name\": \"feature-x\", \"application_name\": \"app\"}]}}";

    static Routing routing(Map<String, String> patterns) {
        Map<String, Routing.RouteRule> rules = new java.util.HashMap<>();
        patterns.keySet().forEach(name -> rules.put(name, new Routing.RouteRule(name, "arn:" + name, "bus",
                List.of())));
        return new Routing("bus", "arn:bus", rules, patterns, List.of(), null);
    }

    static List<String> matched(Routing routing, String event) {
        return routing.match((ObjectNode) Json.parseOrNull(event)).stream().map(Routing.RouteRule::name).toList();
    }

    @Test
    void matchesAFieldPairOnlyWhenOneEnvironmentHasBoth() {
        Routing routing = routing(Map.of(
                "same-element", "{\"detail\": {\"valid_environments\": {\"environment_name\": [\"main\"], "
                        + "\"cloudfront_id\": [\"E1\"]}}}",
                "different-elements", "{\"detail\": {\"valid_environments\": {\"environment_name\": [\"main\"], "
                        + "\"cloudfront_id\": [\"E2\"]}}}",
                "one-field", "{\"detail\": {\"valid_environments\": {\"cloudfront_id\": [\"E2\"]}}}"));

        assertEquals(List.of("one-field", "same-element"), matched(routing, VALID_TWO));
    }

    @Test
    void returnsMatchedRulesByNameAndNothingWithoutPatterns() {
        Routing routing = routing(Map.of("b", "{\"source\": [\"Coherence\"]}", "a", "{\"source\": [\"Coherence\"]}",
                "c", "{\"source\": [\"Other\"]}"));
        assertEquals(List.of("a", "b"), matched(routing, VALID_TWO));
        assertTrue(matched(routing(Map.of()), VALID_TWO).isEmpty());
    }

    @Test
    void sharesTheMachineOfThePreviousSnapshotWhenOnlyTargetsChanged() {
        Routing first = routing(Map.of("a", "{\"source\": [\"Coherence\"]}"));
        assertEquals(List.of("a"), matched(first, VALID_TWO));
        Routing.RouteRule withTarget = new Routing.RouteRule("a", "arn:a", "bus",
                List.of(Target.of("t", "arn:aws:sqs:us-east-1:123456789012:q")));
        Routing second = new Routing("bus", "arn:bus", Map.of("a", withTarget),
                Map.of("a", "{\"source\": [\"Coherence\"]}"), List.of(), first);

        List<Routing.RouteRule> rules = second.match((ObjectNode) Json.parseOrNull(VALID_TWO));

        assertEquals(1, rules.get(0).targets().size());
    }

    @Test
    void anArchiveWithAPatternAcceptsOnlyMatchingEvents() {
        Routing.ArchiveStore archive = new Routing.ArchiveStore("a", "arn:a", "bus",
                Optional.of("{\"detail-type\": [\"new_environments\"]}"),
                PatternValidation.machineFor("a", "{\"detail-type\": [\"new_environments\"]}"),
                InMemoryEventBridge.DEFAULT_START_TIME, new ConcurrentLinkedQueue<>());
        assertTrue(!archive.accepts((ObjectNode) Json.parseOrNull(VALID_TWO)));
        assertTrue(archive.accepts((ObjectNode) Json.parseOrNull(
                "{\"detail-type\": \"new_environments\", \"detail\": {}}")));
    }
}
