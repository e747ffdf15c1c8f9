package com.withcoherence.events.client;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * What {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)} must change on AWS to make the bus
 * match a {@link Subscription}: the result of {@link CoherenceEventsClient#plan(Subscription, SubscribeOption...)},
 * computed from what exists now, without writing anything.
 *
 * <pre>{@code
 * SubscriptionPlan plan = client.plan(subscription);
 * plan.lines().forEach(System.out::println);
 * // Subscription log-new-environments on bus 12309ijsdf-your-app-name-coherence-events: 2 changes
 * // + create rule log-new-environments: ENABLED, pattern {"source":["Coherence"],"detail-type":["new_environments"]}
 * // + add target log-events: arn:aws:lambda:us-east-1:123456789012:function:log-events
 * }</pre>
 *
 * <p>A plan describes the state it was computed from; {@code subscribe} computes its own plan again rather than
 * executing an old one, so that it never acts on stale information.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SubscriptionPlan {

    private final String subscriptionName;
    private final String busName;
    private final String ruleArn;
    private final List<PlannedChange> changes;
    private final List<TargetPermission> permissions;

    // What subscribe executes, in this order.
    final PutRuleRequest putRule;
    final boolean tagRule;
    final List<LambdaGrant> addPermissions;
    final List<String> removeTargetIds;
    final List<Target> putTargets;
    final List<LambdaGrant> removePermissions;

    /** A Lambda permission the client adds or removes: the function (possibly qualified) and the statement id. */
    record LambdaGrant(String functionArn, String statementId) {
    }

    SubscriptionPlan(String subscriptionName, String busName, String ruleArn, List<PlannedChange> changes,
            List<TargetPermission> permissions, PutRuleRequest putRule, boolean tagRule,
            List<LambdaGrant> addPermissions, List<String> removeTargetIds, List<Target> putTargets,
            List<LambdaGrant> removePermissions) {
        this.subscriptionName = subscriptionName;
        this.busName = busName;
        this.ruleArn = ruleArn;
        this.changes = List.copyOf(changes);
        this.permissions = List.copyOf(permissions);
        this.putRule = putRule;
        this.tagRule = tagRule;
        this.addPermissions = List.copyOf(addPermissions);
        this.removeTargetIds = List.copyOf(removeTargetIds);
        this.putTargets = List.copyOf(putTargets);
        this.removePermissions = List.copyOf(removePermissions);
    }

    /**
     * Returns the name of the subscription (the rule) planned for.
     *
     * @return the name, never {@code null}
     */
    public String subscriptionName() {
        return subscriptionName;
    }

    /**
     * Returns the name of the Coherence bus.
     *
     * @return the bus name, never {@code null}
     */
    public String busName() {
        return busName;
    }

    /**
     * Returns the rule's ARN ({@code arn:aws:events:REGION:ACCOUNT:rule/BUS/RULE}), which it has or will have.
     *
     * @return the ARN, never {@code null}
     */
    public String ruleArn() {
        return ruleArn;
    }

    /**
     * Returns the changes, in the order {@code subscribe} makes them: the rule, Lambda permissions to add, targets
     * to remove, targets to add or update, Lambda permissions to remove.
     *
     * @return the changes; empty when the bus already matches the subscription; never {@code null}
     */
    public List<PlannedChange> changes() {
        return changes;
    }

    /**
     * Returns whether the bus already matches the subscription, so that {@code subscribe} would write nothing.
     *
     * @return {@code true} when there is no change
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Returns every permission the subscription's targets need, with the rule's ARN filled in: the Lambda
     * permissions the client manages (when it has a {@code LambdaClient}) and the statements you apply yourself.
     *
     * @return the permissions, in target order; possibly empty, never {@code null}
     */
    public List<TargetPermission> permissions() {
        return permissions;
    }

    /**
     * Returns the plan as lines a CLI can print: a heading, then one line per change ({@code +} create,
     * {@code ~} change, {@code -} remove).
     *
     * @return the lines, never {@code null}
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Subscription " + subscriptionName + " on bus " + busName + ": " + (changes.isEmpty()
                ? "no changes" : changes.size() + (changes.size() == 1 ? " change" : " changes")));
        for (PlannedChange change : changes) {
            lines.add(change.toString());
        }
        return lines;
    }

    /**
     * Returns {@link #lines()} joined by new lines.
     *
     * @return the plan as text, never {@code null}
     */
    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
