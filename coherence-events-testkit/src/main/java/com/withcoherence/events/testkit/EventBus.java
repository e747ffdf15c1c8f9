package com.withcoherence.events.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * An event bus as DescribeEventBus and ListEventBuses report it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the bus's name, such as {@code default} or {@code 12309ijsdf-your-app-name-coherence-events}
 * @param arn the bus's ARN, {@code arn:aws:events:REGION:ACCOUNT:event-bus/NAME}
 * @param description the description given when the bus was created, if any
 * @param creationTime when the bus was created, by the bridge's clock
 * @param lastModifiedTime when the bus was last changed, by the bridge's clock
 */
public record EventBus(String name, String arn, Optional<String> description, Instant creationTime,
        Instant lastModifiedTime) {

    /**
     * Validates the required components and normalises the description.
     *
     * @param name the bus's name, such as {@code default} or {@code 12309ijsdf-your-app-name-coherence-events}
     * @param arn the bus's ARN, {@code arn:aws:events:REGION:ACCOUNT:event-bus/NAME}
     * @param description the description given when the bus was created, if any
     * @param creationTime when the bus was created, by the bridge's clock
     * @param lastModifiedTime when the bus was last changed, by the bridge's clock
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public EventBus {
        Values.required(name, "name");
        Values.required(arn, "arn");
        description = Values.optional(description);
        Values.requiredValue(creationTime, "creationTime");
        Values.requiredValue(lastModifiedTime, "lastModifiedTime");
    }
}
