package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceBus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

@ExtendWith(CoherenceEventsExtension.class)
class CoherenceEventsExtensionTest {

    static final Set<InMemoryEventBridge> BRIDGES = ConcurrentHashMap.newKeySet();
    static final Set<LocalEventBridge> ENDPOINTS = ConcurrentHashMap.newKeySet();

    @Test
    void handsATestABridgeWithTheDocumentedBusAndSeededFixtures(InMemoryEventBridge bridge, CoherenceBus bus,
            CoherenceFixtures fixtures, InMemoryEventBridge sameBridge) {
        BRIDGES.add(bridge);
        assertSame(bridge, sameBridge);
        assertEquals("12309ijsdf-your-app-name-coherence-events", bus.name());
        assertEquals(bus.name(), bridge.describeEventBus(bus.name()).name());

        String target = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
        bridge.putRule(RuleDefinition.of("new", bus.name(), "{\"detail-type\": [\"new_environments\"]}"));
        bridge.putTargets(bus.name(), "new", List.of(Target.of("log", target)));
        bridge.putEvents(bus.name(), fixtures.event().environments(2).newEnvironments());
        bridge.deliveryLog().assertDeliveredTo(target, 1);
    }

    @Test
    void handsEachTestAFreshBridge(InMemoryEventBridge bridge, CoherenceBus bus) {
        BRIDGES.add(bridge);
        assertTrue(bridge.listRules(bus.name()).isEmpty());
        assertTrue(bridge.deliveryLog().attempts().isEmpty());
    }

    @Test
    void seedsFixturesFromTheTestIdentity(CoherenceFixtures fixtures) {
        assertEquals(CoherenceEventsExtension.seedFor("[engine:junit-jupiter]/[class:x]/[method:y()]"),
                CoherenceEventsExtension.seedFor("[engine:junit-jupiter]/[class:x]/[method:y()]"));
        assertNotEquals(CoherenceEventsExtension.seedFor("a"), CoherenceEventsExtension.seedFor("b"));
        assertEquals(CoherenceFixtures.seeded(fixtures.seed()).event().newEnvironments(),
                fixtures.event().newEnvironments());
    }

    @Test
    void handsATestThatAsksAnEndpointServingItsBridge(LocalEventBridge endpoint, InMemoryEventBridge bridge,
            CoherenceBus bus) {
        BRIDGES.add(bridge);
        ENDPOINTS.add(endpoint);
        assertSame(bridge, endpoint.bridge());
        assertTrue(endpoint.isRunning());
        try (EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            assertEquals(bus.name(), events.describeEventBus(b -> b.name(bus.name())).name());
        }
        assertEquals(1, endpoint.requests().count(EventBridgeOperation.DESCRIBE_EVENT_BUS));
    }

    @AfterAll
    static void everyTestHadItsOwnBridgeAndEndpointsAreClosed() {
        assertEquals(3, BRIDGES.size());
        assertEquals(1, ENDPOINTS.size());
        assertFalse(ENDPOINTS.iterator().next().isRunning());
    }
}
