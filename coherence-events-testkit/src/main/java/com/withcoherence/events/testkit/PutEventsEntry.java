package com.withcoherence.events.testkit;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a PutEvents request: what a sender gives EventBridge, before the service completes the envelope.
 *
 * <pre>{@code
 * bridge.putEvents(List.of(PutEventsEntry.of(bus, fixtures.event().newEnvironments())));
 * bridge.putEvents(List.of(PutEventsEntry.builder()
 *         .eventBusName(bus).source("Coherence").detailType("new_environments")
 *         .detail("{\"new_environments\": []}").build()));
 * }</pre>
 *
 * <p>Members a real sender may leave out are optional here too, so that a test can send what the service rejects
 * (an entry without {@code Source} fails with {@code InvalidArgument}, a {@code Detail} that is not a JSON object
 * with {@code MalformedDetail}). The service sets {@code id}, {@code account}, {@code region} and {@code version};
 * {@code time} is the entry's, or the bridge clock's when the entry has none.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param time the event's time ({@code Time}), if set; EventBridge keeps whole seconds
 * @param source the source ({@code Source}), if set
 * @param resources the resources ({@code Resources}); {@code null} is taken as none. Copied
 * @param detailType the detail-type ({@code DetailType}), if set
 * @param detail the detail as JSON text ({@code Detail}), if set
 * @param eventBusName the bus's name or ARN ({@code EventBusName}); {@code null} means {@code default}
 * @param traceHeader the X-Ray trace header ({@code TraceHeader}), if set
 */
public record PutEventsEntry(
        Optional<Instant> time,
        Optional<String> source,
        List<String> resources,
        Optional<String> detailType,
        Optional<String> detail,
        String eventBusName,
        Optional<String> traceHeader) {

    /**
     * Normalises absent members and copies the resources.
     *
     * @param time the event's time ({@code Time}), if set; EventBridge keeps whole seconds
     * @param source the source ({@code Source}), if set
     * @param resources the resources ({@code Resources}); {@code null} is taken as none. Copied
     * @param detailType the detail-type ({@code DetailType}), if set
     * @param detail the detail as JSON text ({@code Detail}), if set
     * @param eventBusName the bus's name or ARN ({@code EventBusName}); {@code null} means {@code default}
     * @param traceHeader the X-Ray trace header ({@code TraceHeader}), if set
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code resources} holds {@code null}
     */
    public PutEventsEntry {
        time = Values.optional(time);
        source = Values.optional(source);
        resources = Values.list(resources, "resources");
        detailType = Values.optional(detailType);
        detail = Values.optional(detail);
        eventBusName = eventBusName == null ? Values.DEFAULT_BUS : eventBusName;
        traceHeader = Values.optional(traceHeader);
    }

    /**
     * Returns the entry a sender would put to send {@code event}: its source, detail-type, detail, time and resources.
     * The bus assigns a new id, and its own account and region.
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param event the event; must not be {@code null}
     * @return the entry, never {@code null}
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code event} is {@code null}
     */
    public static PutEventsEntry of(String eventBusName, CoherenceEvent event) {
        Values.requiredValue(event, "event");
        return new PutEventsEntry(Optional.of(event.time()), Optional.of(event.source()), event.resources(),
                Optional.of(event.detailType()), Optional.of(CoherenceEvents.detailJson(event)), eventBusName,
                Optional.empty());
    }

    /**
     * Starts an entry with nothing set, for the default bus.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PutEventsEntry}. Not thread-safe: use one builder per thread. */
    public static final class Builder {
        private Instant time;
        private String source;
        private final List<String> resources = new ArrayList<>();
        private String detailType;
        private String detail;
        private String eventBusName;
        private String traceHeader;

        private Builder() {
        }

        /**
         * Sets the time.
         *
         * @param time the time; {@code null} lets the service use its clock
         * @return this builder
         */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /**
         * Sets the source.
         *
         * @param source the source; {@code null} leaves it out
         * @return this builder
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * Adds a resource ARN.
         *
         * @param resource the resource; must not be {@code null}
         * @return this builder
         */
        public Builder resource(String resource) {
            this.resources.add(resource);
            return this;
        }

        /**
         * Sets the detail-type.
         *
         * @param detailType the detail-type; {@code null} leaves it out
         * @return this builder
         */
        public Builder detailType(String detailType) {
            this.detailType = detailType;
            return this;
        }

        /**
         * Sets the detail.
         *
         * @param detail the detail as JSON text; {@code null} leaves it out
         * @return this builder
         */
        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        /**
         * Sets the bus.
         *
         * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
         * @return this builder
         */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = eventBusName;
            return this;
        }

        /**
         * Sets the trace header.
         *
         * @param traceHeader the header; {@code null} leaves it out
         * @return this builder
         */
        public Builder traceHeader(String traceHeader) {
            this.traceHeader = traceHeader;
            return this;
        }

        /**
         * Builds the entry.
         *
         * @return the entry, never {@code null}
         * @throws EventBridgeServiceException ({@code ValidationException}) if a resource is {@code null}
         */
        public PutEventsEntry build() {
            return new PutEventsEntry(Optional.ofNullable(time), Optional.ofNullable(source), resources,
                    Optional.ofNullable(detailType), Optional.ofNullable(detail), eventBusName,
                    Optional.ofNullable(traceHeader));
        }
    }
}
