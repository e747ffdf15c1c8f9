package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.env;
import static com.withcoherence.events.model.TrackerFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.Reconciliation.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private final ValidEnvironmentsEvent event = valid("v1", "2024-03-01T10:00:00Z", "shop/main=E1");

    @Test
    void copiesItsListsSoTheyCannotChangeLater() {
        List<Environment> created = new ArrayList<>(List.of(env("shop/main=E1")));
        Reconciliation reconciliation = new Reconciliation(event, Outcome.APPLIED, false, TrackerState.empty(),
                created, List.of(), List.of(), List.of(), "applied");

        created.clear();

        assertEquals(List.of(env("shop/main=E1")), reconciliation.created());
        assertThrows(UnsupportedOperationException.class, () -> reconciliation.created().clear());
    }

    @Test
    void saysWhetherAnEnvironmentWasCreatedRemovedOrChanged() {
        Reconciliation unchangedOnly = new Reconciliation(event, Outcome.APPLIED, false, TrackerState.empty(),
                List.of(), List.of(), List.of(), List.of(env("shop/main=E1")), "applied");
        Reconciliation changed = new Reconciliation(event, Outcome.APPLIED, false, TrackerState.empty(), List.of(),
                List.of(), List.of(new EnvironmentChange(env("shop/main=E1"), env("shop/main=E2"))), List.of(),
                "applied");
        Reconciliation removed = new Reconciliation(event, Outcome.APPLIED, false, TrackerState.empty(), List.of(),
                List.of(env("shop/main=E1")), List.of(), List.of(), "applied");

        assertFalse(unchangedOnly.hasChanges());
        assertTrue(changed.hasChanges());
        assertTrue(removed.hasChanges());
    }

    @Test
    void reportsChangesOnlyForAnAppliedEvent() {
        for (Outcome outcome : Outcome.values()) {
            if (outcome == Outcome.APPLIED) {
                continue;
            }
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> new Reconciliation(event, outcome, false, TrackerState.empty(), List.of(),
                            List.of(env("shop/main=E1")), List.of(), List.of(), "held"));
            assertTrue(e.getMessage().contains("only APPLIED reports changes"), e.getMessage());
        }
    }

    @Test
    void rejectsNullComponentsAndElements() {
        assertThrows(CoherenceEventException.class, () -> new Reconciliation(null, Outcome.APPLIED, false,
                TrackerState.empty(), List.of(), List.of(), List.of(), List.of(), "x"));
        assertThrows(CoherenceEventException.class, () -> new Reconciliation(event, null, false,
                TrackerState.empty(), List.of(), List.of(), List.of(), List.of(), "x"));
        assertThrows(CoherenceEventException.class, () -> new Reconciliation(event, Outcome.APPLIED, false, null,
                List.of(), List.of(), List.of(), List.of(), "x"));
        assertThrows(CoherenceEventException.class, () -> new Reconciliation(event, Outcome.APPLIED, false,
                TrackerState.empty(), Arrays.asList((Environment) null), List.of(), List.of(), List.of(), "x"));
        assertThrows(CoherenceEventException.class, () -> new Reconciliation(event, Outcome.APPLIED, false,
                TrackerState.empty(), List.of(), List.of(), List.of(), List.of(), null));
    }
}
