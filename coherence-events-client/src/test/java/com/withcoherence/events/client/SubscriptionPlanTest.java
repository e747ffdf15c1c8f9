package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.client.PlannedChange.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan reads as a CLI prints it: a heading, then one signed line per change. */
class SubscriptionPlanTest {

    private static SubscriptionPlan plan(List<PlannedChange> changes) {
        return new SubscriptionPlan("r", "b", "arn:aws:events:us-east-1:123456789012:rule/b/r", changes, List.of(),
                null, false, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void printsOneSignedLinePerChange() {
        SubscriptionPlan plan = plan(List.of(new PlannedChange(Action.UPDATE_RULE, "r", "description"),
                new PlannedChange(Action.REMOVE_TARGET, "old", "arn:aws:sns:us-east-1:123456789012:t"),
                new PlannedChange(Action.ADD_LAMBDA_PERMISSION, "sid", "")));
        assertEquals(List.of("Subscription r on bus b: 3 changes", "~ update rule r: description",
                "- remove target old: arn:aws:sns:us-east-1:123456789012:t", "+ add Lambda permission sid"),
                plan.lines());
        assertFalse(plan.isEmpty());
        assertEquals(String.join("\n", plan.lines()), plan.toString());
    }

    @Test
    void saysWhenThereIsNothingToDo() {
        SubscriptionPlan plan = plan(List.of());
        assertTrue(plan.isEmpty());
        assertEquals(List.of("Subscription r on bus b: no changes"), plan.lines());
        assertEquals("1 change", plan(List.of(new PlannedChange(Action.DELETE_RULE, "r", ""))).lines().get(0)
                .replaceAll(".*: ", ""));
    }

    @Test
    void everyActionHasASignAndWords() {
        for (Action action : Action.values()) {
            assertTrue(List.of("+", "~", "-").contains(action.sign()), action::name);
            assertFalse(action.verb().isEmpty());
        }
    }
}
