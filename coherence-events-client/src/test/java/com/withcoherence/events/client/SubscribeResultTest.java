package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeResultTest {

    @Test
    void namesItsMissingPartsInsteadOfThrowingANullPointerException() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class,
                () -> new SubscribeResult(null, null, Arrays.asList((TargetPermission) null)));

        assertEquals(List.of("ruleArn", "changes", "permissions[0]"),
                e.problems().stream().map(Problem::field).toList());
    }

    @Test
    void hasNotChangedWithoutChanges() {
        assertFalse(new SubscribeResult("arn:aws:events:us-east-1:123456789012:rule/b/r", List.of(), List.of())
                .changed());
    }
}
