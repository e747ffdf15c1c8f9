package com.withcoherence.events.client;

import java.util.List;
import java.util.Optional;

/**
 * A rule that exists on the Coherence bus, as {@link CoherenceEventsClient#subscriptions()} lists it, whether or not
 * coherence-events created it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the rule's name
 * @param arn the rule's ARN
 * @param description the rule's description, or empty when it has none
 * @param eventPattern the rule's event pattern as EventBridge stores it, or empty for a rule without one
 * @param state the rule's state as EventBridge reports it
 * @param managedByCoherenceEvents whether the rule carries the tag {@code managed-by=coherence-events}: it was
 *     created (or adopted) by {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)}, and
 *     {@link CoherenceEventsClient#unsubscribe(String)} may delete it
 * @param managedBy the AWS service that manages the rule, if one does (such rules cannot be changed)
 * @param targets the rule's targets; copied into an unmodifiable list
 */
public record ExistingSubscription(String name, String arn, Optional<String> description,
        Optional<String> eventPattern, State state, boolean managedByCoherenceEvents, Optional<String> managedBy,
        List<SubscriptionTarget> targets) {

    /** A rule's state ({@code State} in EventBridge's API). */
    public enum State {
        /** The rule delivers the events it matches. */
        ENABLED,
        /** The rule delivers nothing. */
        DISABLED,
        /** The rule delivers, and also matches CloudTrail management events ({@code default} bus only). */
        ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS,
        /** A state this version of the library does not know; EventBridge added it later. */
        UNKNOWN;

        /** The state EventBridge reports; a rule without one is {@code ENABLED}, EventBridge's default. */
        static State of(String state) {
            if (state == null || state.isEmpty()) {
                return ENABLED;
            }
            for (State known : values()) {
                if (known != UNKNOWN && known.name().equals(state)) {
                    return known;
                }
            }
            return UNKNOWN;
        }
    }

    /**
     * Checks the components and copies the targets.
     *
     * @param name the rule's name; must not be {@code null}
     * @param arn the rule's ARN; must not be {@code null}
     * @param description the rule's description, or empty; must not be {@code null}
     * @param eventPattern the rule's event pattern, or empty; must not be {@code null}
     * @param state the rule's state; must not be {@code null}
     * @param managedByCoherenceEvents whether the rule carries the ownership tag
     * @param managedBy the AWS service that manages the rule, or empty; must not be {@code null}
     * @param targets the rule's targets; must not be {@code null} nor hold {@code null}
     * @throws CoherenceClientException naming each component that is {@code null} or holds {@code null}
     */
    public ExistingSubscription {
        Components.of("ExistingSubscription").nonNull("name", name).nonNull("arn", arn)
                .nonNull("description", description).nonNull("eventPattern", eventPattern).nonNull("state", state)
                .nonNull("managedBy", managedBy).list("targets", targets).check();
        targets = List.copyOf(targets);
    }

    /**
     * Returns whether the rule delivers events.
     *
     * @return {@code true} unless the rule is {@link State#DISABLED}
     */
    public boolean enabled() {
        return state != State.DISABLED;
    }
}
