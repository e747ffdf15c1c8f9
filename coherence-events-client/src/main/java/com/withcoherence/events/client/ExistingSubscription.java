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
 * @param description the rule's description, {@code ""} when it has none
 * @param eventPattern the rule's event pattern as EventBridge stores it, or empty for a rule without one
 * @param state the rule's state as EventBridge reports it: {@code ENABLED}, {@code DISABLED} or
 *     {@code ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS}
 * @param managedByCoherenceEvents whether the rule carries the tag {@code managed-by=coherence-events}: it was
 *     created (or adopted) by {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)}, and
 *     {@link CoherenceEventsClient#unsubscribe(String)} may delete it
 * @param managedBy the AWS service that manages the rule, if one does (such rules cannot be changed)
 * @param targets the rule's targets; copied into an unmodifiable list
 */
public record ExistingSubscription(String name, String arn, String description, Optional<String> eventPattern,
        String state, boolean managedByCoherenceEvents, Optional<String> managedBy,
        List<SubscriptionTarget> targets) {

    /**
     * Copies the targets.
     *
     * @param name the rule's name
     * @param arn the rule's ARN
     * @param description the rule's description, {@code ""} when it has none
     * @param eventPattern the rule's event pattern, or empty
     * @param state the rule's state
     * @param managedByCoherenceEvents whether the rule carries the ownership tag
     * @param managedBy the AWS service that manages the rule, or empty
     * @param targets the rule's targets; must not be {@code null}
     */
    public ExistingSubscription {
        targets = List.copyOf(targets);
    }

    /**
     * Returns whether the rule delivers events.
     *
     * @return {@code true} unless the rule is {@code DISABLED}
     */
    public boolean enabled() {
        return !"DISABLED".equals(state);
    }
}
