package com.withcoherence.events.client;

/**
 * What became of one published entry: {@link Accepted} by EventBridge with its event id, or {@link Failed} with
 * EventBridge's error after the client's retries.
 *
 * <pre>{@code
 * for (PublishOutcome outcome : client.publish(entries).outcomes()) {
 *     if (outcome instanceof PublishOutcome.Failed failed) {
 *         log.warn("entry {} failed: {} {}", failed.index(), failed.errorCode(), failed.errorMessage());
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface PublishOutcome permits PublishOutcome.Accepted, PublishOutcome.Failed {

    /**
     * Returns the position of the entry in the list given to {@link CoherenceEventsClient#publish(java.util.List)}.
     *
     * @return the index, from 0
     */
    int index();

    /**
     * Returns how many times the entry was sent to EventBridge.
     *
     * @return the number of PutEvents requests that carried the entry, at least 1
     */
    int attempts();

    /**
     * An entry EventBridge accepted. Acceptance is not delivery: EventBridge reports delivery failures to the
     * targets' dead-letter queues, never to the publisher.
     *
     * @param index the position of the entry in the published list
     * @param eventId the id EventBridge gave the event; never {@code null}
     * @param attempts how many times the entry was sent
     */
    record Accepted(int index, String eventId, int attempts) implements PublishOutcome {

        /**
         * Checks the event id.
         *
         * @param index the position of the entry in the published list
         * @param eventId the id EventBridge gave the event; must not be {@code null}
         * @param attempts how many times the entry was sent
         * @throws CoherenceClientException if {@code eventId} is {@code null}
         */
        public Accepted {
            Components.of("PublishOutcome.Accepted").nonNull("eventId", eventId).check();
        }
    }

    /**
     * An entry EventBridge did not accept, after the client resent it as long as the error was retryable
     * ({@code ThrottlingException}, {@code InternalFailure}) and attempts remained.
     *
     * @param index the position of the entry in the published list
     * @param errorCode EventBridge's error code, such as {@code ThrottlingException}, {@code AccessDeniedException}
     *     or {@code InvalidArgument}; never {@code null}
     * @param errorMessage EventBridge's error message; never {@code null}, possibly empty
     * @param attempts how many times the entry was sent
     * @param retryable whether the error was retryable, so that publishing the entry again later may succeed
     */
    record Failed(int index, String errorCode, String errorMessage, int attempts, boolean retryable)
            implements PublishOutcome {

        /**
         * Checks the error.
         *
         * @param index the position of the entry in the published list
         * @param errorCode EventBridge's error code; must not be {@code null}
         * @param errorMessage EventBridge's error message; must not be {@code null}, possibly empty
         * @param attempts how many times the entry was sent
         * @param retryable whether the error was retryable
         * @throws CoherenceClientException naming each component that is {@code null}
         */
        public Failed {
            Components.of("PublishOutcome.Failed").nonNull("errorCode", errorCode).nonNull("errorMessage", errorMessage)
                    .check();
        }
    }
}
