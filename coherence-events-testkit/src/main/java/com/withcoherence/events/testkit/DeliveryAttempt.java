package com.withcoherence.events.testkit;

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
}
