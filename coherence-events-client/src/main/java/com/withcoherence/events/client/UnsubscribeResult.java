package com.withcoherence.events.client;

import java.util.List;

/**
 * What {@link CoherenceEventsClient#unsubscribe(String)} did: the targets, rule and Lambda permissions it removed
 * (nothing when the rule did not exist), and the statements left for you to remove.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ruleName the name of the rule
 * @param changes the changes made, in order; empty when there was no such rule; copied into an unmodifiable list
 * @param leftToRemove statements the removed targets needed that the client does not manage (queue, topic, log
 *     group and role policies, and Lambda permissions when it has no {@code LambdaClient}): remove them where you
 *     added them, as each one's {@link TargetPermission#howToRemove()} says. Copied into an unmodifiable list
 */
public record UnsubscribeResult(String ruleName, List<PlannedChange> changes, List<TargetPermission> leftToRemove) {

    /**
     * Copies the lists.
     *
     * @param ruleName the name of the rule; must not be {@code null}
     * @param changes the changes made; must not be {@code null} nor hold {@code null}
     * @param leftToRemove the statements left to remove; must not be {@code null} nor hold {@code null}
     * @throws CoherenceClientException naming each component that is {@code null} or holds {@code null}
     */
    public UnsubscribeResult {
        Components.of("UnsubscribeResult").nonNull("ruleName", ruleName).list("changes", changes)
                .list("leftToRemove", leftToRemove).check();
        changes = List.copyOf(changes);
        leftToRemove = List.copyOf(leftToRemove);
    }

    /**
     * Returns whether there was a rule to remove.
     *
     * @return {@code false} when the rule did not exist and nothing was written
     */
    public boolean removed() {
        return !changes.isEmpty();
    }
}
