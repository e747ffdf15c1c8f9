package com.withcoherence.events.benchmarks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.EventPattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMixTest {

    @Test
    void theBusQuotaOfRulesAreDistinctNamesAndPatternsThatEventBridgeAccepts() {
        List<RuleMix.Rule> rules = RuleMix.rules(300, RuleMix.Kind.REALISTIC);
        assertEquals(300, rules.size());
        assertEquals(300, rules.stream().map(RuleMix.Rule::name).distinct().count());
        assertEquals(300, rules.stream().map(RuleMix.Rule::pattern).distinct().count());
        rules.forEach(rule -> EventPattern.of(rule.pattern()));
    }

    @Test
    void oneRuleIsTheCommonestSubscription() {
        assertEquals(List.of(EventPattern.builder().newEnvironments().build().json()),
                RuleMix.rules(1, RuleMix.Kind.REALISTIC).stream().map(RuleMix.Rule::pattern).toList());
    }

    @Test
    void kindsDrawOnlyFromTheirTemplates() {
        assertEquals(0, anythingBut(RuleMix.rules(300, RuleMix.Kind.WITHOUT_ANYTHING_BUT)));
        assertEquals(300, anythingBut(RuleMix.rules(300, RuleMix.Kind.ANYTHING_BUT_ONLY)));
        long realistic = anythingBut(RuleMix.rules(280, RuleMix.Kind.REALISTIC));
        assertEquals(280 * 3 / 14, realistic, "three templates in fourteen");
    }

    @Test
    void refusesMoreRulesThanABusHolds() {
        assertThrows(IllegalArgumentException.class, () -> RuleMix.rules(301, RuleMix.Kind.REALISTIC));
        assertThrows(IllegalArgumentException.class, () -> RuleMix.rules(0, RuleMix.Kind.REALISTIC));
    }

    @Test
    void everyRuleOfTheMixIsMatchedTheSameWayByTheBusAndEventRuler() {
        // RoutingSetup.of checks agreement itself; a documented valid_environments event matches some rules.
        assertTrue(RoutingSetup.of(RuleMix.rules(300, RuleMix.Kind.REALISTIC),
                com.withcoherence.events.testkit.CoherenceFixtures.documentedValidEnvironments()).check().size() > 0);
    }

    private static long anythingBut(List<RuleMix.Rule> rules) {
        return rules.stream().filter(rule -> rule.pattern().contains("anything-but")).count();
    }
}
