package com.withcoherence.events.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.client.PlannedChange.Action;
import com.withcoherence.events.client.SubscriptionPlan.LambdaGrant;
import com.withcoherence.events.client.SubscriptionTarget.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Computes what must change to make the bus match a subscription: a pure function of the desired subscription and
 * the state read from AWS, so that it is tested without AWS and {@code plan} and {@code subscribe} agree.
 */
final class Planner {

    /** The tag that marks the rules coherence-events created or adopted. */
    static final String OWNER_TAG_KEY = "managed-by";
    static final String OWNER_TAG_VALUE = "coherence-events";

    private Planner() {
    }

    /** A rule as DescribeRule answered it. */
    record ObservedRule(String arn, String eventPattern, String state, String description, String roleArn,
            String scheduleExpression, String managedBy) {
    }

    /**
     * What exists on AWS for one subscription.
     *
     * @param busArn the bus's ARN (DescribeEventBus)
     * @param rule the rule, or {@code null} when there is none
     * @param owned whether the rule carries the ownership tag
     * @param targets the rule's targets (ListTargetsByRule)
     * @param lambdaStatements for each Lambda function of interest, the ids of its policy's statements; {@code null}
     *     when the client manages no Lambda permissions
     */
    record Observed(String busArn, ObservedRule rule, boolean owned, List<Target> targets,
            Map<String, Set<String>> lambdaStatements) {
    }

    /**
     * The plan for a subscription.
     *
     * @param adoptExistingRule whether a rule of that name that coherence-events did not create may be taken over;
     *     without it such a rule is refused, before anything is written
     */
    static SubscriptionPlan plan(Subscription desired, String busId, String busName, Observed observed,
            boolean adoptExistingRule) {
        String ruleName = desired.name();
        checkAgainstBus(desired, observed.busArn());
        String ruleArn = observed.rule() != null && observed.rule().arn() != null ? observed.rule().arn()
                : Permissions.ruleArn(observed.busArn(), ruleName);
        List<PlannedChange> changes = new ArrayList<>();

        // The rule.
        ObservedRule rule = observed.rule();
        if (rule != null && rule.managedBy() != null && !rule.managedBy().isEmpty()) {
            throw new CoherenceClientException("The rule " + ruleName + " on bus " + busName + " is managed by "
                    + rule.managedBy() + " and cannot be changed; choose another name for the subscription.");
        }
        if (rule != null && !observed.owned() && !adoptExistingRule) {
            throw refuseToAdopt(ruleName, busName, observed.targets());
        }
        PutRuleRequest putRule = null;
        String state = desired.enabled() ? RuleState.ENABLED.toString() : RuleState.DISABLED.toString();
        PutRuleRequest.Builder request = PutRuleRequest.builder().name(ruleName).eventBusName(busId)
                .eventPattern(desired.pattern().json()).state(state);
        if (!desired.description().isEmpty()) {
            request.description(desired.description());
        }
        if (rule == null) {
            putRule = request.tags(Tag.builder().key(OWNER_TAG_KEY).value(OWNER_TAG_VALUE).build()).build();
            changes.add(new PlannedChange(Action.CREATE_RULE, ruleName, state + ", pattern "
                    + desired.pattern().json()));
        } else {
            List<String> differences = ruleDifferences(desired, state, rule);
            if (!differences.isEmpty()) {
                // PutRule replaces every field it is not sent with null: the request always carries them all.
                putRule = request.build();
                changes.add(new PlannedChange(Action.UPDATE_RULE, ruleName, String.join(", ", differences)));
            }
        }
        boolean tagRule = rule != null && !observed.owned();
        if (tagRule) {
            changes.add(new PlannedChange(Action.ADOPT_RULE, ruleName, "not created by coherence-events; tag it "
                    + OWNER_TAG_KEY + "=" + OWNER_TAG_VALUE + " and manage it from now on"));
        }

        // Lambda permissions to add: one statement per function and rule.
        Map<String, Set<String>> statements = observed.lambdaStatements();
        String statementId = Permissions.statementId(busName, ruleName);
        Set<String> desiredFunctions = new LinkedHashSet<>();
        for (SubscriptionTarget target : desired.targets()) {
            if (target.kind() == Kind.LAMBDA && target.roleArn().isEmpty()) {
                desiredFunctions.add(target.arn());
            }
        }
        List<LambdaGrant> addPermissions = new ArrayList<>();
        if (statements != null) {
            for (String function : desiredFunctions) {
                if (!statements.getOrDefault(function, Set.of()).contains(statementId)) {
                    addPermissions.add(new LambdaGrant(function, statementId));
                    changes.add(new PlannedChange(Action.ADD_LAMBDA_PERMISSION, statementId, function));
                }
            }
        }

        // Targets, matched by id.
        Map<String, Target> existing = new LinkedHashMap<>();
        for (Target target : observed.targets()) {
            existing.put(target.id(), target);
        }
        List<String> removeTargetIds = new ArrayList<>();
        Set<String> desiredIds = new LinkedHashSet<>();
        desired.targets().forEach(t -> desiredIds.add(t.id()));
        for (Target target : observed.targets()) {
            if (!desiredIds.contains(target.id())) {
                removeTargetIds.add(target.id());
                changes.add(new PlannedChange(Action.REMOVE_TARGET, target.id(), target.arn()));
            }
        }
        List<Target> putTargets = new ArrayList<>();
        for (SubscriptionTarget target : desired.targets()) {
            Target wanted = SdkTargets.toSdk(target);
            Target found = existing.get(target.id());
            if (found == null) {
                putTargets.add(wanted);
                changes.add(new PlannedChange(Action.ADD_TARGET, target.id(), target.arn()));
            } else {
                List<String> differences = SdkTargets.differences(wanted, found);
                if (!differences.isEmpty()) {
                    putTargets.add(wanted);
                    changes.add(new PlannedChange(Action.UPDATE_TARGET, target.id(), String.join(", ",
                            differences)));
                }
            }
        }

        // Lambda permissions of functions that are no longer a target of this rule (removed, or replaced by another
        // ARN under the same id).
        List<LambdaGrant> removePermissions = new ArrayList<>();
        if (statements != null) {
            Set<String> removedFunctions = new LinkedHashSet<>();
            for (Target target : observed.targets()) {
                if (Kind.of(target.arn()) == Kind.LAMBDA && !desiredFunctions.contains(target.arn())) {
                    removedFunctions.add(target.arn());
                }
            }
            for (String function : removedFunctions) {
                if (statements.getOrDefault(function, Set.of()).contains(statementId)) {
                    removePermissions.add(new LambdaGrant(function, statementId));
                    changes.add(new PlannedChange(Action.REMOVE_LAMBDA_PERMISSION, statementId, function));
                }
            }
        }

        List<TargetPermission> permissions = Permissions.forTargets(busName, ruleName, ruleArn, desired.targets());
        return new SubscriptionPlan(ruleName, busName, ruleArn, order(changes), permissions, putRule, tagRule,
                addPermissions, removeTargetIds, putTargets, removePermissions);
    }

    /**
     * The refusal to take over a rule coherence-events did not create: subscribing would rewrite its pattern and
     * replace its targets, which someone else may rely on.
     */
    private static CoherenceClientException refuseToAdopt(String ruleName, String busName, List<Target> targets) {
        String current = targets.isEmpty() ? "it has no targets"
                : "its targets are " + String.join(", ", targets.stream().map(t -> t.id() + " (" + t.arn() + ")")
                        .toList());
        return new CoherenceClientException("The rule " + ruleName + " already exists on bus " + busName + " and was "
                + "not created by coherence-events (it has no tag " + OWNER_TAG_KEY + "=" + OWNER_TAG_VALUE + "); "
                + current + ". Subscribing would take it over: set its pattern, description and state, and replace "
                + "its targets with the subscription's. Nothing was changed. Choose another name for the "
                + "subscription, or adopt the rule on purpose with " + ADOPT_HINT + ".");
    }

    /** How a Java caller opts in to adoption; the CLI replaces it with its own flag. */
    static final String ADOPT_HINT = "SubscribeOption.ADOPT_EXISTING_RULE";

    /**
     * The changes in execution order: rule, tag, permissions added, targets removed (first, so that a rule never
     * holds more than five), targets added or updated (one PutTargets, in subscription order), permissions removed.
     */
    private static List<PlannedChange> order(List<PlannedChange> changes) {
        List<PlannedChange> ordered = new ArrayList<>(changes);
        ordered.sort(java.util.Comparator.comparingInt(change -> rank(change.action())));
        return ordered;
    }

    private static int rank(Action action) {
        switch (action) {
            case CREATE_RULE:
            case UPDATE_RULE:
                return 0;
            case ADOPT_RULE:
                return 1;
            case ADD_LAMBDA_PERMISSION:
                return 2;
            case REMOVE_TARGET:
                return 3;
            case ADD_TARGET:
            case UPDATE_TARGET:
                return 4;
            default:
                return 5;
        }
    }

    private static List<String> ruleDifferences(Subscription desired, String state, ObservedRule rule) {
        List<String> differences = new ArrayList<>();
        if (!sameJson(desired.pattern().json(), rule.eventPattern())) {
            differences.add("pattern " + desired.pattern().json());
        }
        if (!Objects.equals(desired.description(), rule.description() == null ? "" : rule.description())) {
            differences.add("description");
        }
        if (!state.equals(rule.state())) {
            differences.add("state " + (rule.state() == null ? "(none)" : rule.state()) + " -> " + state);
        }
        if (rule.roleArn() != null && !rule.roleArn().isEmpty()) {
            differences.add("role (removed)");
        }
        if (rule.scheduleExpression() != null && !rule.scheduleExpression().isEmpty()) {
            differences.add("schedule (removed)");
        }
        return differences;
    }

    /** Whether two patterns are the same JSON: EventBridge may return the text with other spacing or key order. */
    static boolean sameJson(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return Validation.JSON.readTree(a).equals(Validation.JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }

    /** The checks that need the bus's Region and account: target and dead-letter Regions, cross-account bus inputs. */
    private static void checkAgainstBus(Subscription desired, String busArn) {
        String[] bus = busArn.split(":", 6);
        if (bus.length < 6) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < desired.targets().size(); i++) {
            SubscriptionTarget target = desired.targets().get(i);
            String at = "targets[" + i + "]";
            target.deadLetterQueueArn().ifPresent(dlq -> {
                String[] queue = dlq.split(":", 6);
                if (queue.length == 6 && !queue[3].equals(bus[3])) {
                    problems.add(new Problem(at + ".deadLetterQueueArn", "the queue is in " + queue[3]
                            + " but the rule is in " + bus[3] + "; EventBridge needs a dead-letter queue in the "
                            + "rule's Region."));
                }
            });
            String[] resource = target.arn().split(":", 6);
            if (target.kind() != Kind.EVENT_BUS && target.kind() != Kind.OTHER && resource.length == 6
                    && !resource[3].equals(bus[3])) {
                problems.add(new Problem(at + ".arn", "the " + Validation.describe(target.kind()) + " is in "
                        + resource[3] + " but the rule is in " + bus[3] + "; EventBridge delivers across Regions "
                        + "only to event buses. Target a resource in " + bus[3] + ", or forward to an event bus "
                        + "there."));
            }
            if (target.kind() == Kind.EVENT_BUS) {
                String[] other = target.arn().split(":", 6);
                boolean crossAccount = other.length == 6 && !other[4].equals(bus[4]);
                if (crossAccount && (target.input().isPresent() || target.inputPath().isPresent()
                        || target.inputTransformer().isPresent())) {
                    problems.add(new Problem(at + ".input", "EventBridge forwards whole events to an event bus in "
                            + "another account; remove the input, input path or input transformer."));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw CoherenceClientException.invalid("Subscription '" + desired.name() + "'", problems);
        }
    }
}
