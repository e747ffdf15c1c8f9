package com.withcoherence.events.benchmarks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingSetupTest {

    @Test
    void matchesTheEnvelopeTheBusDelivers() throws Exception {
        RoutingSetup setup = RoutingSetup.of(RuleMix.rules(30, RuleMix.Kind.REALISTIC),
                CoherenceFixtures.documentedNewEnvironments());
        JsonNode envelope = new ObjectMapper().readTree(setup.envelope());
        assertEquals("new_environments", envelope.get("detail-type").asText());
        assertEquals("123456789012", envelope.get("account").asText(), "the bus's account, not the sample's");
        assertEquals("another-test-env",
                envelope.at("/detail/new_environments/0/environment_name").asText());
    }

    @Test
    void theBusAndTheMachineRouteTheDocumentedEventToTheSameRules() throws Exception {
        RoutingSetup setup = RoutingSetup.of(RuleMix.rules(30, RuleMix.Kind.REALISTIC),
                CoherenceFixtures.documentedNewEnvironments());
        Set<String> matched = setup.check();
        assertTrue(matched.contains("rule-000-t00"), "newEnvironments() matches: " + matched);
        assertEquals(Set.copyOf(setup.matchDirectly()), matched);
        assertEquals(0, setup.putOnBus().failedEntryCount());
        assertEquals(30, setup.ruleCount());
    }

    @Test
    void anEventNoRuleMatchesGoesNowhere() throws Exception {
        RoutingSetup setup = RoutingSetup.of(RuleMix.rules(1, RuleMix.Kind.REALISTIC),
                CoherenceFixtures.documentedValidEnvironments());
        assertEquals(Set.of(), setup.check());
        assertEquals(List.of(), setup.matchDirectly());
    }
}
