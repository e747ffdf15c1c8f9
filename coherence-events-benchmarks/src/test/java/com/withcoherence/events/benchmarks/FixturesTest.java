package com.withcoherence.events.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.testkit.CoherenceFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void readsTheTestkitsDocumentedEventsByteForByte() {
        assertArrayEquals(CoherenceFixtures.documentedNewEnvironmentsJson().getBytes(StandardCharsets.UTF_8),
                Fixtures.documented("new_environments"));
        assertArrayEquals(CoherenceFixtures.documentedValidEnvironmentsJson().getBytes(StandardCharsets.UTF_8),
                Fixtures.documented("valid_environments"));
    }

    @Test
    void refusesADetailTypeWithoutADocumentedEvent() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.documented("other"));
    }
}
