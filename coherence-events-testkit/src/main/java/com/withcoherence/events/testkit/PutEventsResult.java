package com.withcoherence.events.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to PutEvents: one result per entry, in the order of the request, and how many failed.
 *
 * <p>As with the real service, a request can partly fail: an entry without {@code Source}, or with a detail that is
 * not a JSON object, gets an error code while the others are accepted. Delivery failures never show here; they are
 * in the {@link DeliveryLog}. An entry for a bus that does not exist is accepted with an id and then dropped, as AWS
 * does; the bridge records a {@link Diagnostic} for it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param failedEntryCount how many entries failed ({@code FailedEntryCount})
 * @param entries the per-entry results, aligned with the request's entries; copied into an unmodifiable list
 */
public record PutEventsResult(int failedEntryCount, List<Entry> entries) {

    /**
     * Copies the entries.
     *
     * @param failedEntryCount how many entries failed ({@code FailedEntryCount})
     * @param entries the per-entry results, aligned with the request's entries; copied into an unmodifiable list
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code entries} is {@code null}
     */
    public PutEventsResult {
        entries = List.copyOf(Values.requiredValue(entries, "entries"));
    }

    /**
     * Returns the ids of the accepted entries, in request order.
     *
     * @return an unmodifiable list, possibly empty, never {@code null}
     */
    public List<String> eventIds() {
        List<String> ids = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            entry.eventId().ifPresent(ids::add);
        }
        return List.copyOf(ids);
    }

    /**
     * The result for one entry: its event id when accepted, or an error code and message.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param eventId the id of the event the service created ({@code EventId}), when accepted
     * @param errorCode why the entry failed ({@code ErrorCode}), such as {@code InvalidArgument} or
     *     {@code MalformedDetail}
     * @param errorMessage the service's message ({@code ErrorMessage}), when failed
     */
    public record Entry(Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {

        /**
         * Normalises absent members.
         *
         * @param eventId the id of the event the service created ({@code EventId}), when accepted
         * @param errorCode why the entry failed ({@code ErrorCode}), when failed
         * @param errorMessage the service's message ({@code ErrorMessage}), when failed
         */
        public Entry {
            eventId = Values.optional(eventId);
            errorCode = Values.optional(errorCode);
            errorMessage = Values.optional(errorMessage);
        }

        /**
         * Returns whether the entry was accepted.
         *
         * @return {@code true} if it has an event id
         */
        public boolean succeeded() {
            return eventId.isPresent();
        }

        static Entry accepted(String eventId) {
            return new Entry(Optional.of(eventId), Optional.empty(), Optional.empty());
        }

        static Entry failed(String errorCode, String errorMessage) {
            return new Entry(Optional.empty(), Optional.of(errorCode), Optional.of(errorMessage));
        }
    }
}
