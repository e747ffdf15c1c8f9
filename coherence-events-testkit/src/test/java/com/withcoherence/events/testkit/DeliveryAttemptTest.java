package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryAttemptTest {

    static DeliveryAttempt attempt(String payload, boolean succeeded) {
        return new DeliveryAttempt(7, "e-1", "bus", "rule", "arn:aws:events:us-east-1:123456789012:rule/bus/rule", "t",
                "arn:aws:sqs:us-east-1:123456789012:q", payload, Instant.parse("2023-05-19T13:56:16Z"), 2, succeeded,
                succeeded ? Optional.empty() : Optional.of("ERROR_FROM_TARGET"), Optional.empty(),
                Optional.of("replay-1"));
    }

    @Test
    void printsItselfAsOneJsonLineWithTheDeliveredInputEmbedded() {
        String line = attempt("{\"created\": [\"main\"],\n \"n\": 1}", true).toJson();

        assertFalse(line.contains("\n"));
        assertEquals(Json.parseOrNull("{\"time\": \"2023-05-19T13:56:16Z\", \"eventId\": \"e-1\", \"bus\": \"bus\", "
                + "\"rule\": \"rule\", \"ruleArn\": \"arn:aws:events:us-east-1:123456789012:rule/bus/rule\", "
                + "\"target\": \"t\", \"targetArn\": \"arn:aws:sqs:us-east-1:123456789012:q\", \"attempt\": 2, "
                + "\"succeeded\": true, \"replayName\": \"replay-1\", \"input\": {\"created\": [\"main\"], \"n\": 1}}"),
                Json.parseOrNull(line));
    }

    @Test
    void printsAPlainTextInputAsAStringAndAFailuresCode() {
        JsonNode line = Json.parseOrNull(attempt("environment main was created\n", false).toJson());
        assertEquals("environment main was created\n", line.get("input").textValue());
        assertEquals("ERROR_FROM_TARGET", line.get("errorCode").textValue());
        assertEquals(false, line.get("succeeded").booleanValue());
    }
}
