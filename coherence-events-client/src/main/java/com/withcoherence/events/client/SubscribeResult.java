package com.withcoherence.events.client;

import java.util.List;

/**
 * What {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)} did: the changes it made (none
 * when the bus already matched), the rule's ARN, and the permissions the targets need.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ruleArn the rule's ARN, as PutRule or DescribeRule answered it
 * @param changes the changes made, in order; empty when nothing had to change; copied into an unmodifiable list
 * @param permissions every permission the targets need, with the rule's ARN filled in. Those of type
 *     {@link TargetPermission.Type#LAMBDA_PERMISSION} were applied when the client has a {@code LambdaClient}; apply
 *     the others yourself. Copied into an unmodifiable list
 */
public record SubscribeResult(String ruleArn, List<PlannedChange> changes, List<TargetPermission> permissions) {

    /**
     * Copies the lists.
     *
     * @param ruleArn the rule's ARN; must not be {@code null}
     * @param changes the changes made; must not be {@code null} nor hold {@code null}
     * @param permissions the permissions the targets need; must not be {@code null} nor hold {@code null}
     * @throws CoherenceClientException naming each component that is {@code null} or holds {@code null}
     */
    public SubscribeResult {
        Components.of("SubscribeResult").nonNull("ruleArn", ruleArn).list("changes", changes)
                .list("permissions", permissions).check();
        changes = List.copyOf(changes);
        permissions = List.copyOf(permissions);
    }

    /**
     * Returns whether subscribe changed anything.
     *
     * @return {@code false} when the bus already matched the subscription and nothing was written
     */
    public boolean changed() {
        return !changes.isEmpty();
    }
}
