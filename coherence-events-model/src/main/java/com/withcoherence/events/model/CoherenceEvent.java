package com.withcoherence.events.model;

import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event sent by Coherence: the envelope every EventBridge event carries, and a typed detail.
 *
 * <p>The family is closed: {@link NewEnvironmentsEvent} ({@code new_environments}), {@link ValidEnvironmentsEvent}
 * ({@code valid_environments}) and {@link UnknownCoherenceEvent} for a detail-type this version of the library does
 * not know yet, which keeps its detail as JSON so nothing is lost. On Java 21 and later switch over it with
 * patterns; on Java 17 use {@code instanceof} or {@link #dispatch(CoherenceEventHandler)}:
 *
 * <pre>{@code
 * CoherenceEvents.parse(json).dispatch(new CoherenceEventHandler() {
 *     public void onNewEnvironments(NewEnvironmentsEvent event) { provision(event.environments()); }
 *     public void onValidEnvironments(ValidEnvironmentsEvent event) { reconcile(event.environments()); }
 * });
 * }</pre>
 *
 * <p>Implementations are immutable records and thread-safe. No method returns {@code null}.
 */
public sealed interface CoherenceEvent permits NewEnvironmentsEvent, ValidEnvironmentsEvent, UnknownCoherenceEvent {

    /**
     * Returns the envelope's {@code version}; EventBridge sends {@code "0"}.
     *
     * @return the version, never {@code null}
     */
    String version();

    /**
     * Returns the event's {@code id}, unique per event; a redelivery of the same event has the same id.
     *
     * @return the id, never {@code null}
     */
    String id();

    /**
     * Returns the envelope's {@code detail-type}, e.g. {@code new_environments}.
     *
     * @return the detail-type, never {@code null}
     */
    String detailType();

    /**
     * Returns the envelope's {@code source}, always {@value CoherenceBus#SOURCE}.
     *
     * @return the source, never {@code null}
     */
    default String source() {
        return CoherenceBus.SOURCE;
    }

    /**
     * Returns the AWS account id the event was sent in ({@code account}).
     *
     * @return the account id as sent, never {@code null}; not checked to be 12 digits (Coherence's documented
     *     samples have 10)
     */
    String account();

    /**
     * Returns the event's {@code time}.
     *
     * @return the time, never {@code null}
     */
    Instant time();

    /**
     * Returns the AWS Region the event was sent in ({@code region}).
     *
     * @return the region, never {@code null}
     */
    String region();

    /**
     * Returns the envelope's members this library does not read, such as the {@code replay-name} EventBridge adds to
     * a replayed event; {@link CoherenceEvents#toJson} writes them back.
     *
     * @return the members, {@link UnknownMembers#none()} when there are none; never {@code null}
     */
    UnknownMembers unknownMembers();

    /**
     * Returns the envelope's {@code resources}; Coherence sends an empty list.
     *
     * @return an unmodifiable list, possibly empty, never {@code null}
     */
    List<String> resources();

    /**
     * Calls the method of {@code handler} that matches this event's type.
     *
     * @param handler the handler to call; must not be {@code null}
     * @throws CoherenceEventException if {@code handler} is {@code null}
     */
    void dispatch(CoherenceEventHandler handler);
}
