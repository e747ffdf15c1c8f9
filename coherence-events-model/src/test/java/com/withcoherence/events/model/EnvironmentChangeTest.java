package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvironmentChangeTest {

    @Test
    void describesANewCloudFrontIdForOneEnvironment() {
        EnvironmentChange change = new EnvironmentChange(env("shop/main=E1"), env("shop/main=E2"));

        assertEquals(new EnvironmentKey("shop", "main"), change.key());
        assertEquals("E1", change.before().cloudfrontId());
        assertEquals("E2", change.after().cloudfrontId());
    }

    @Test
    void rejectsSidesThatAreDifferentEnvironments() {
        CoherenceEventException renamed = assertThrows(CoherenceEventException.class,
                () -> new EnvironmentChange(env("shop/main=E1"), env("shop/preview=E2")));
        assertTrue(renamed.getMessage().contains("report a different environment as removed and created"),
                renamed.getMessage());

        assertThrows(CoherenceEventException.class,
                () -> new EnvironmentChange(env("shop/main=E1"), env("blog/main=E2")));
    }

    @Test
    void rejectsAChangeThatChangesNothing() {
        CoherenceEventException same = assertThrows(CoherenceEventException.class,
                () -> new EnvironmentChange(env("shop/main=E1"), env("shop/main=E1")));
        assertTrue(same.getMessage().contains("unchanged, not changed"), same.getMessage());
    }

    @Test
    void rejectsNullSides() {
        assertThrows(CoherenceEventException.class, () -> new EnvironmentChange(null, env("shop/main=E1")));
        assertThrows(CoherenceEventException.class, () -> new EnvironmentChange(env("shop/main=E1"), null));
    }
}
