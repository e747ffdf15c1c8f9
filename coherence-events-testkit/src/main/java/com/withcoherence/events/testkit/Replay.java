package com.withcoherence.events.testkit;

import java.time.Instant;
import java.util.List;

/**
 * A finished replay of archived events, as StartReplay and DescribeReplay describe one.
 *
 * <p>Replayed events are routed again on the archive's bus, to every enabled rule or only to the rules named, and
 * carry a {@code replay-name} member at the end of their envelope, as EventBridge adds it. They are not archived
 * again.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the replay's name
 * @param archiveName the archive replayed
 * @param eventStartTime the start of the replayed window (inclusive), by ingestion time
 * @param eventEndTime the end of the replayed window (exclusive), by ingestion time
 * @param ruleArns the rules the replay was limited to; empty for all rules of the bus. Copied
 * @param eventsReplayed how many archived events were replayed
 */
public record Replay(String name, String archiveName, Instant eventStartTime, Instant eventEndTime,
        List<String> ruleArns, int eventsReplayed) {

    /**
     * Validates the required components and copies the rule ARNs.
     *
     * @param name the replay's name
     * @param archiveName the archive replayed
     * @param eventStartTime the start of the replayed window (inclusive), by ingestion time
     * @param eventEndTime the end of the replayed window (exclusive), by ingestion time
     * @param ruleArns the rules the replay was limited to; empty for all rules of the bus. Copied
     * @param eventsReplayed how many archived events were replayed
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public Replay {
        Values.required(name, "name");
        Values.required(archiveName, "archiveName");
        Values.requiredValue(eventStartTime, "eventStartTime");
        Values.requiredValue(eventEndTime, "eventEndTime");
        ruleArns = Values.list(ruleArns, "ruleArns");
    }
}
