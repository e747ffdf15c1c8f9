package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentKeyTest {

    @Test
    void identifiesAnEnvironmentByApplicationAndName() {
        EnvironmentKey key = EnvironmentKey.of(env("12309ijsdf-your-app-name/main=E1LPXKCLUIFVWG"));

        assertEquals(new EnvironmentKey("12309ijsdf-your-app-name", "main"), key);
        assertEquals(key, EnvironmentKey.of(env("12309ijsdf-your-app-name/main=ANOTHERID")),
                "the CloudFront id is not part of the key");
    }

    @Test
    void ordersByApplicationThenEnvironmentName() {
        List<EnvironmentKey> keys = new ArrayList<>(List.of(
                new EnvironmentKey("shop", "main"),
                new EnvironmentKey("blog", "preview"),
                new EnvironmentKey("shop", "feature"),
                new EnvironmentKey("blog", "main")));

        keys.sort(null);

        assertEquals(List.of(new EnvironmentKey("blog", "main"), new EnvironmentKey("blog", "preview"),
                new EnvironmentKey("shop", "feature"), new EnvironmentKey("shop", "main")), keys);
    }

    @Test
    void printsAsApplicationSlashEnvironment() {
        assertEquals("shop/main", new EnvironmentKey("shop", "main").toString());
    }

    @Test
    void rejectsMissingOrEmptyParts() {
        CoherenceEventException empty = assertThrows(CoherenceEventException.class,
                () -> new EnvironmentKey("", "main"));
        assertEquals("/application_name", empty.pointer());
        CoherenceEventException nullName = assertThrows(CoherenceEventException.class,
                () -> new EnvironmentKey("shop", null));
        assertEquals("/environment_name", nullName.pointer());
        CoherenceEventException nullEnvironment = assertThrows(CoherenceEventException.class,
                () -> EnvironmentKey.of(null));
        assertTrue(nullEnvironment.getMessage().contains("environment must not be null"),
                nullEnvironment.getMessage());
    }
}
