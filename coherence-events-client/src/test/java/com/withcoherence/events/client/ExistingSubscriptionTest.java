package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.client.ExistingSubscription.State;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExistingSubscriptionTest {

    @Test
    void readsEveryStateEventBridgeReports() {
        assertEquals(State.ENABLED, State.of("ENABLED"));
        assertEquals(State.DISABLED, State.of("DISABLED"));
        assertEquals(State.ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS,
                State.of("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"));
        assertEquals(State.ENABLED, State.of(null), "EventBridge's default");
        assertEquals(State.UNKNOWN, State.of("PAUSED"));
        assertEquals(State.UNKNOWN, State.of("UNKNOWN"), "not a state EventBridge reports");
    }

    @Test
    void isEnabledUnlessDisabled() {
        assertTrue(rule(State.ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS).enabled());
        assertFalse(rule(State.DISABLED).enabled());
    }

    @Test
    void namesItsMissingPartsInsteadOfThrowingANullPointerException() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> new ExistingSubscription(
                "r", "arn", null, Optional.empty(), null, false, Optional.empty(), null));

        assertEquals(List.of("description", "state", "targets"), e.problems().stream().map(Problem::field).toList());
    }

    private static ExistingSubscription rule(State state) {
        return new ExistingSubscription("r", "arn:aws:events:us-east-1:123456789012:rule/b/r", Optional.empty(),
                Optional.of("{}"), state, false, Optional.empty(), List.of());
    }
}
