package com.withcoherence.events.model;

/**
 * Receives a {@link CoherenceEvent} through the method for its type; for handlers on Java 17, where {@code switch}
 * has no patterns.
 *
 * <pre>{@code
 * event.dispatch(new CoherenceEventHandler() {
 *     public void onNewEnvironments(NewEnvironmentsEvent event) { ... }
 *     public void onValidEnvironments(ValidEnvironmentsEvent event) { ... }
 * });
 * }</pre>
 *
 * <p>Whether an implementation is thread-safe is up to it; {@link CoherenceEvent#dispatch} adds no state.
 */
public interface CoherenceEventHandler {

    /**
     * Called for a {@code new_environments} event: the environments one Coherence run created.
     *
     * @param event the event, never {@code null}
     */
    void onNewEnvironments(NewEnvironmentsEvent event);

    /**
     * Called for a {@code valid_environments} event: every environment active after one Coherence run.
     *
     * @param event the event, never {@code null}
     */
    void onValidEnvironments(ValidEnvironmentsEvent event);

    /**
     * Called for a Coherence event whose detail-type this library does not know yet. The default ignores it, so that
     * handlers keep working when Coherence adds event types.
     *
     * @param event the event, never {@code null}
     */
    default void onUnknown(UnknownCoherenceEvent event) {
        // Ignored by default: a new detail-type must not break existing handlers.
    }
}
