package com.withcoherence.events.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * An archive of the events put on a bus, as CreateArchive makes one: every event put on its bus after it was
 * created, or those that match its event pattern.
 *
 * <p>Instances are immutable and thread-safe; they are snapshots.
 *
 * @param name the archive's name
 * @param arn the archive's ARN, {@code arn:aws:events:REGION:ACCOUNT:archive/NAME}
 * @param eventSourceArn the ARN of the bus it archives
 * @param eventPattern the pattern an event must match to be archived, if any
 * @param creationTime when it was created, by the bridge's clock
 * @param eventCount how many events it held when this snapshot was taken
 */
public record Archive(String name, String arn, String eventSourceArn, Optional<String> eventPattern,
        Instant creationTime, long eventCount) {

    /**
     * Validates the required components.
     *
     * @param name the archive's name
     * @param arn the archive's ARN, {@code arn:aws:events:REGION:ACCOUNT:archive/NAME}
     * @param eventSourceArn the ARN of the bus it archives
     * @param eventPattern the pattern an event must match to be archived, if any
     * @param creationTime when it was created, by the bridge's clock
     * @param eventCount how many events it held when this snapshot was taken
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public Archive {
        Values.required(name, "name");
        Values.required(arn, "arn");
        Values.required(eventSourceArn, "eventSourceArn");
        eventPattern = Values.optional(eventPattern);
        Values.requiredValue(creationTime, "creationTime");
    }
}
