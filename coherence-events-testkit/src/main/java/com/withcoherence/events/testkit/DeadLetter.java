package com.withcoherence.events.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An event whose delivery to a target failed for good: the message EventBridge sends to the target's dead-letter
 * queue, or, for a target without one, the record of the event being dropped.
 *
 * <p>The attributes are those EventBridge puts on a dead-letter message: {@code RULE_ARN}, {@code TARGET_ARN},
 * {@code ERROR_CODE}, {@code ERROR_MESSAGE}, {@code RETRY_ATTEMPTS} and, when retries ran out,
 * {@code EXHAUSTED_RETRY_CONDITION} ({@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the record's position in the log
 * @param eventId the id of the event
 * @param eventBusName the bus the event was put on
 * @param ruleArn the ARN of the rule that matched it
 * @param targetId the id of the target that failed
 * @param targetArn the ARN of the target that failed
 * @param deadLetterArn the dead-letter queue the message went to; empty when the event was dropped
 * @param body the message body: the event as it was put on the bus
 * @param attributes the message attributes, in the order listed above; copied
 * @param time when the event was given up, by the bridge's clock
 */
public record DeadLetter(
        long sequence,
        String eventId,
        String eventBusName,
        String ruleArn,
        String targetId,
        String targetArn,
        Optional<String> deadLetterArn,
        String body,
        Map<String, String> attributes,
        Instant time) {

    /**
     * Validates the required components and copies the attributes.
     *
     * @param sequence the record's position in the log
     * @param eventId the id of the event
     * @param eventBusName the bus the event was put on
     * @param ruleArn the ARN of the rule that matched it
     * @param targetId the id of the target that failed
     * @param targetArn the ARN of the target that failed
     * @param deadLetterArn the dead-letter queue the message went to; empty when the event was dropped
     * @param body the message body: the event as it was put on the bus
     * @param attributes the message attributes, in the order listed above; copied
     * @param time when the event was given up, by the bridge's clock
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public DeadLetter {
        Values.required(eventId, "eventId");
        Values.required(eventBusName, "eventBusName");
        Values.required(ruleArn, "ruleArn");
        Values.required(targetId, "targetId");
        Values.required(targetArn, "targetArn");
        deadLetterArn = Values.optional(deadLetterArn);
        Values.required(body, "body");
        attributes = Values.map(attributes, "attributes");
        Values.requiredValue(time, "time");
    }

    /**
     * Returns whether the event was dropped because the target has no dead-letter queue.
     *
     * @return {@code true} if no dead-letter queue received it
     */
    public boolean dropped() {
        return deadLetterArn.isEmpty();
    }

    /**
     * Returns the {@code ERROR_CODE} attribute.
     *
     * @return the error code, never {@code null}
     */
    public String errorCode() {
        return attributes.getOrDefault("ERROR_CODE", "");
    }
}
