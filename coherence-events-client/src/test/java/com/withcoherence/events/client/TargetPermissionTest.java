package com.withcoherence.events.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPermissionTest {

    @Test
    void namesItsMissingParts() {
        CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> new TargetPermission("t",
                TargetPermission.Type.SQS_QUEUE_POLICY, "arn:aws:sqs:us-east-1:123456789012:q", "sid", "{}",
                "add it", null));

        assertEquals(List.of("howToRemove"), e.problems().stream().map(Problem::field).toList());
    }
}
