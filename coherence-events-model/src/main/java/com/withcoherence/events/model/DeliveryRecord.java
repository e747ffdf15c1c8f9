package com.withcoherence.events.model;

import java.util.Optional;

/**
 * One message of a {@link Delivery}: the Coherence event it carried, or why it could not be read.
 *
 * <p>A record is either {@link Parsed} or {@link Failed}; both name the message by the id its transport gave it (the
 * SQS {@code messageId}, the SNS {@code MessageId}, or the event's own {@code id} for an event delivered directly),
 * which is what a Lambda function reports back in a partial batch response.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface DeliveryRecord permits DeliveryRecord.Parsed, DeliveryRecord.Failed {

    /**
     * Returns the id of the message that carried the event.
     *
     * @return the message id; empty only when a malformed batch record has none. Never {@code null}
     */
    String messageId();

    /**
     * Returns how the event was wrapped on its way to the handler.
     *
     * @return the wrapping, never {@code null}
     */
    Wrapping wrapping();

    /**
     * Returns the event, when the message could be read.
     *
     * @return the event, or empty for a {@link Failed} record
     */
    Optional<CoherenceEvent> event();

    /**
     * Returns why the message could not be read.
     *
     * @return the error, or empty for a {@link Parsed} record
     */
    Optional<CoherenceEventException> error();

    /** How an EventBridge event reached the handler. */
    enum Wrapping {
        /** The event itself: a Lambda target of the rule, or any handler given the event JSON. */
        NONE,
        /** An SQS message whose body is the event: an SQS target of the rule, or SNS with raw message delivery. */
        SQS,
        /** An SNS notification whose {@code Message} is the event: an SNS target of the rule. */
        SNS,
        /** An SQS message whose body is an SNS notification whose {@code Message} is the event. */
        SNS_IN_SQS
    }

    /**
     * A message that held a valid Coherence event.
     *
     * @param messageId the id of the message, never {@code null}
     * @param wrapping how the event was wrapped, never {@code null}
     * @param parsedEvent the event, never {@code null}
     */
    record Parsed(String messageId, Wrapping wrapping, CoherenceEvent parsedEvent) implements DeliveryRecord {

        /**
         * Validates the components.
         *
         * @param messageId the id of the message, never {@code null}
         * @param wrapping how the event was wrapped, never {@code null}
         * @param parsedEvent the event, never {@code null}
         * @throws CoherenceEventException if a component is {@code null}
         */
        public Parsed {
            Checks.argument(messageId, "messageId");
            Checks.argument(wrapping, "wrapping");
            Checks.argument(parsedEvent, "parsedEvent");
        }

        @Override
        public Optional<CoherenceEvent> event() {
            return Optional.of(parsedEvent);
        }

        @Override
        public Optional<CoherenceEventException> error() {
            return Optional.empty();
        }
    }

    /**
     * A message that could not be read as a Coherence event. A Lambda function reports its {@link #messageId()} as a
     * batch item failure so that SQS redelivers it, and eventually moves it to the queue's dead-letter queue.
     *
     * @param messageId the id of the message; empty when a malformed batch record has none. Never {@code null}
     * @param wrapping how the message was wrapped, as far as it could be read; never {@code null}
     * @param failure what was wrong, with the JSON pointer of the offending value; never {@code null}
     */
    record Failed(String messageId, Wrapping wrapping, CoherenceEventException failure) implements DeliveryRecord {

        /**
         * Validates the components.
         *
         * @param messageId the id of the message; empty when a malformed batch record has none. Never {@code null}
         * @param wrapping how the message was wrapped, as far as it could be read; never {@code null}
         * @param failure what was wrong, with the JSON pointer of the offending value; never {@code null}
         * @throws CoherenceEventException if a component is {@code null}
         */
        public Failed {
            Checks.argument(messageId, "messageId");
            Checks.argument(wrapping, "wrapping");
            Checks.argument(failure, "failure");
        }

        @Override
        public Optional<CoherenceEvent> event() {
            return Optional.empty();
        }

        @Override
        public Optional<CoherenceEventException> error() {
            return Optional.of(failure);
        }
    }
}
