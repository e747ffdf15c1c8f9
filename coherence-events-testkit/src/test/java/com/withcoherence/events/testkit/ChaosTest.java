package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChaosTest {

    @Test
    void composesFromASeed() {
        Chaos chaos = Chaos.seeded(9).withDuplicates(0.5).withDelaysUpTo(Duration.ofSeconds(3))
                .withShuffledDeliveries();
        assertEquals(new Chaos(9, 0.5, Duration.ofSeconds(3), true), chaos);
        assertFalse(chaos.isNone());
        assertTrue(Chaos.NONE.isNone());
        assertTrue(Chaos.seeded(9).isNone());
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> Chaos.seeded(1).withDuplicates(1.5));
        assertThrows(IllegalArgumentException.class, () -> Chaos.seeded(1).withDuplicates(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Chaos.seeded(1).withDelaysUpTo(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Chaos.seeded(1).withDelaysUpTo(null));
    }
}
