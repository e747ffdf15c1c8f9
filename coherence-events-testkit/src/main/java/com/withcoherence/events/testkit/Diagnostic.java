package com.withcoherence.events.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * Something the real service does silently that a test should be able to see, such as an event put on a bus that
 * does not exist: EventBridge accepts it with an id and drops it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param time when it happened, by the bridge's clock
 * @param code what happened: {@value #EVENT_BUS_NOT_FOUND}
 * @param message a sentence saying what happened and what to check
 * @param eventId the event concerned, if any
 */
public record Diagnostic(Instant time, String code, String message, Optional<String> eventId) {

    /** An event was put on a bus that does not exist, and dropped: {@value}. */
    public static final String EVENT_BUS_NOT_FOUND = "EVENT_BUS_NOT_FOUND";

    /**
     * Validates the required components.
     *
     * @param time when it happened, by the bridge's clock
     * @param code what happened: {@value #EVENT_BUS_NOT_FOUND}
     * @param message a sentence saying what happened and what to check
     * @param eventId the event concerned, if any
     * @throws EventBridgeServiceException ({@code ValidationException}) if a required component is {@code null}
     */
    public Diagnostic {
        Values.requiredValue(time, "time");
        Values.required(code, "code");
        Values.required(message, "message");
        eventId = Values.optional(eventId);
    }
}
