package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value made with missing parts names every one of them at once. */
class ComponentsTest {

    @Test
    void namesEveryMissingPartAndEveryNullElement() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> Components.of("Value")
                .nonNull("a", null).nonNull("b", "set").list("c", null).list("d", Arrays.asList("x", null)).check());

        assertEquals(List.of("a", "c", "d[1]"), e.problems().stream().map(Problem::field).toList());
        assertEquals("Value is invalid (3 problems):\n  a: must not be null.\n  c: must not be null; pass List.of() "
                + "for none.\n  d[1]: is null; remove it.", e.getMessage());
    }

    @Test
    void passesCompleteValues() {
        Components.of("Value").nonNull("a", "set").list("b", List.of()).check();
    }
}
