package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.client.PlannedChange.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannedChangeTest {

    @Test
    void readsAsOneLineOfAPlan() {
        assertEquals("+ add target log-events: arn:aws:lambda:us-east-1:123456789012:function:log-events",
                new PlannedChange(Action.ADD_TARGET, "log-events",
                        "arn:aws:lambda:us-east-1:123456789012:function:log-events").toString());
        assertEquals("- delete rule r", new PlannedChange(Action.DELETE_RULE, "r", "").toString());
    }

    @Test
    void namesItsMissingParts() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new PlannedChange(null, "r", null));

        assertEquals(List.of("action", "detail"), e.problems().stream().map(Problem::field).toList());
    }
}
