package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver an event to a target, as the {@link DeliveryLog} records it: what was sent, where, when,
 * and whether it succeeded.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the attempt's position in the log, increasing across all attempts of the bridge
 * @param eventId the id of the event delivered
 * @param eventBusName the bus the event was put on
 * @param ruleName the rule that matched it
 * @param ruleArn the rule's ARN
 * @param targetId the target's id within the rule
 * @param targetArn the target's ARN
 * @param payload exactly what was delivered: the event JSON, or what {@code Input}, {@code InputPath} or
 *     {@code InputTransformer} made of it
 * @param time when the attempt was made, by the bridge's clock
 * @param attempt 1 for the first attempt, 2 for the first retry, and so on
 * @param succeeded whether the target accepted the delivery
 * @param errorCode the error code of a failed attempt
 * @param errorMessage the error message of a failed attempt
 * @param replayName the replay that re-sent the event, when it came from one
 */
public record DeliveryAttempt(
        long sequence,
        String eventId,
        String eventBusName,
        String ruleName,
        String ruleArn,
        String targetId,
        String targetArn,
        String payload,
        Instant time,
        int attempt,
        boolean succeeded,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Optional<String> replayName) {

    /**
     * Validates the required components and normalises absent ones.
     *
     * @param sequence the attempt's position in the log, increasing across all attempts of the bridge
     * @param eventId the id of the event delivered
     * @param eventBusName the bus the event was put on
     * @param ruleName the rule that matched it
     * @param ruleArn the rule's ARN
     * @param targetId the target's id within the rule
     * @param targetArn the target's ARN
     * @param payload exactly what was delivered: the event JSON, or what {@code Input}, {@code InputPath} or {@code InputTransformer} made of it
     * @param time when the attempt was made, by the bridge's clock
     * @param attempt 1 for the first attempt, 2 for the first retry, and so on
     * @param succeeded whether the target accepted the delivery
     * @param errorCode the error code of a failed attempt
     * @param errorMessage the error message of a failed attempt
     * @param replayName the replay that re-sent the event, when it came from one
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public DeliveryAttempt {
        Values.required(eventId, "eventId");
        Values.required(eventBusName, "eventBusName");
        Values.required(ruleName, "ruleName");
        Values.required(ruleArn, "ruleArn");
        Values.required(targetId, "targetId");
        Values.required(targetArn, "targetArn");
        Values.required(payload, "payload");
        Values.requiredValue(time, "time");
        errorCode = Values.optional(errorCode);
        errorMessage = Values.optional(errorMessage);
        replayName = Values.optional(replayName);
    }

    /**
     * Parses the payload as a Coherence event, as a handler given the delivery would.
     *
     * @return the event, never {@code null}
     * @throws com.withcoherence.events.model.CoherenceEventException if the payload is not a whole Coherence event
     *     (for example because the target has an {@code InputPath} or {@code InputTransformer})
     */
    public CoherenceEvent event() {
        return CoherenceEvents.parse(payload);
    }

    /**
     * Returns this attempt as one line of JSON, for printing deliveries as JSON lines: {@code time},
     * {@code eventId}, {@code bus}, {@code rule}, {@code ruleArn}, {@code target}, {@code targetArn},
     * {@code attempt}, {@code succeeded}, {@code errorCode} and {@code replayName} when set, and {@code input}, the
     * payload as delivered: embedded as JSON when it is JSON text, as a string otherwise (an
     * {@code InputTransformer} template may produce plain text).
     *
     * <pre>{@code
     * {"time":"2023-05-19T13:56:16Z","eventId":"…","bus":"my-bus","rule":"new","ruleArn":"arn:aws:events:…",
     *  "target":"log-events","targetArn":"arn:aws:lambda:…","attempt":1,"succeeded":true,"input":{…}}
     * }</pre>
     *
     * @return a single line of JSON without a line break, never {@code null}
     */
    public String toJson() {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", time.toString());
        line.put("eventId", eventId);
        line.put("bus", eventBusName);
        line.put("rule", ruleName);
        line.put("ruleArn", ruleArn);
        line.put("target", targetId);
        line.put("targetArn", targetArn);
        line.put("attempt", attempt);
        line.put("succeeded", succeeded);
        errorCode.ifPresent(code -> line.put("errorCode", code));
        replayName.ifPresent(name -> line.put("replayName", name));
        JsonNode input = Json.parseExactOrNull(payload);
        if (input != null) {
            line.set("input", input);
        } else {
            line.put("input", payload);
        }
        return Json.write(line);
    }
}
