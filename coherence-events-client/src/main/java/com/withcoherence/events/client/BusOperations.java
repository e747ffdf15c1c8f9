package com.withcoherence.events.client;

import com.withcoherence.events.client.PlannedChange.Action;
import com.withcoherence.events.client.SubscriptionPlan.LambdaGrant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The EventBridge calls of the client on one bus: reads, the writes of a plan, and teardown. */
final class BusOperations {

    private static final Logger LOG = LoggerFactory.getLogger(CoherenceEventsClient.class);

    /** PutTargets and RemoveTargets take at most 10 entries per request (EventBridge API reference). */
    static final int MAX_TARGETS_PER_REQUEST = 10;

    /** ListRules and ListTargetsByRule return at most 100 per page. */
    static final int MAX_PAGE_SIZE = 100;

    private final EventBridgeClient eventBridge;
    private final String busId;
    private final String busName;
    private final Backoff backoff;
    private final int pageSize;

    BusOperations(EventBridgeClient eventBridge, String busId, String busName, Backoff backoff, int pageSize) {
        this.eventBridge = eventBridge;
        this.busId = busId;
        this.busName = busName;
        this.backoff = backoff;
        this.pageSize = pageSize;
    }

    /** The bus's ARN; a clear error when the bus does not exist. */
    String describeBus() {
        try {
            return backoff.call("DescribeEventBus", () -> eventBridge.describeEventBus(r -> r.name(busId))).arn();
        } catch (CoherenceClientException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                throw CoherenceClientException.aws("The event bus " + busId + " does not exist where the "
                        + "EventBridgeClient looks (its account and Region). Coherence creates the bus "
                        + "'{app-name-and-hash}" + com.withcoherence.events.model.CoherenceBus.NAME_SUFFIX
                        + "' in the non-production account; check the bus name, the credentials' account and the "
                        + "client's Region. (Publishing to a missing bus would succeed and drop every event.)",
                        e.awsErrorCode().orElse(null), e.awsRequestId().orElse(null), e.getCause());
            }
            throw e;
        }
    }

    /** The rule, or {@code null} when there is none. */
    Planner.ObservedRule describeRule(String name) {
        DescribeRuleResponse rule;
        try {
            rule = backoff.call("DescribeRule", () -> eventBridge.describeRule(r -> r.name(name).eventBusName(busId)));
        } catch (CoherenceClientException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
        return new Planner.ObservedRule(rule.arn(), rule.eventPattern(), rule.stateAsString(), rule.description(),
                rule.roleArn(), rule.scheduleExpression(), rule.managedBy());
    }

    /** Whether the rule carries the ownership tag. */
    boolean isOwned(String ruleArn) {
        List<Tag> tags = backoff.call("ListTagsForResource",
                () -> eventBridge.listTagsForResource(r -> r.resourceARN(ruleArn))).tags();
        return tags.stream().anyMatch(t -> Planner.OWNER_TAG_KEY.equals(t.key())
                && Planner.OWNER_TAG_VALUE.equals(t.value()));
    }

    /** Every target of the rule, page by page (the SDK has no paginator for ListTargetsByRule). */
    List<Target> listTargets(String rule) {
        List<Target> targets = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTargetsByRuleResponse page = backoff.call("ListTargetsByRule", () -> eventBridge.listTargetsByRule(
                    r -> r.rule(rule).eventBusName(busId).limit(pageSize).nextToken(next)));
            targets.addAll(page.targets());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return targets;
    }

    /** Every rule on the bus with its targets and ownership. */
    List<ExistingSubscription> subscriptions() {
        describeBus();
        List<ExistingSubscription> subscriptions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListRulesResponse page = backoff.call("ListRules", () -> eventBridge.listRules(
                    r -> r.eventBusName(busId).limit(pageSize).nextToken(next)));
            for (Rule rule : page.rules()) {
                List<SubscriptionTarget> targets = listTargets(rule.name()).stream().map(SdkTargets::fromSdk)
                        .toList();
                subscriptions.add(new ExistingSubscription(rule.name(), rule.arn(),
                        Optional.ofNullable(rule.description()).filter(d -> !d.isEmpty()),
                        Optional.ofNullable(rule.eventPattern()), ExistingSubscription.State.of(rule.stateAsString()),
                        isOwned(rule.arn()), Optional.ofNullable(rule.managedBy()).filter(m -> !m.isEmpty()),
                        targets));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return subscriptions;
    }

    /** Makes the plan's writes, in order, and returns the rule's ARN. */
    String execute(SubscriptionPlan plan, LambdaPermissions lambda) {
        String rule = plan.subscriptionName();
        String ruleArn = plan.ruleArn();
        if (plan.putRule != null) {
            ruleArn = backoff.call("PutRule", () -> eventBridge.putRule(plan.putRule)).ruleArn();
            log(plan, Action.CREATE_RULE, Action.UPDATE_RULE);
        }
        if (plan.tagRule) {
            String arn = ruleArn;
            backoff.call("TagResource", () -> eventBridge.tagResource(r -> r.resourceARN(arn).tags(Tag.builder()
                    .key(Planner.OWNER_TAG_KEY).value(Planner.OWNER_TAG_VALUE).build())));
            log(plan, Action.ADOPT_RULE);
        }
        for (LambdaGrant grant : plan.addPermissions) {
            lambda.add(grant.functionArn(), grant.statementId(), ruleArn);
        }
        removeTargets(rule, plan.removeTargetIds);
        log(plan, Action.REMOVE_TARGET);
        putTargets(rule, plan.putTargets);
        log(plan, Action.ADD_TARGET, Action.UPDATE_TARGET);
        for (LambdaGrant grant : plan.removePermissions) {
            lambda.remove(grant.functionArn(), grant.statementId());
        }
        return ruleArn;
    }

    void putTargets(String rule, List<Target> targets) {
        Map<String, Target> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.id(), t));
        writeTargets("PutTargets", rule, new ArrayList<>(byId.keySet()), ids -> {
            List<Target> batch = ids.stream().map(byId::get).toList();
            PutTargetsResponse response = backoff.call("PutTargets", () -> eventBridge.putTargets(
                    r -> r.rule(rule).eventBusName(busId).targets(batch)));
            return response.failedEntries().stream()
                    .map(f -> new FailedEntry(f.targetId(), f.errorCode(), f.errorMessage())).toList();
        });
    }

    void removeTargets(String rule, List<String> ids) {
        writeTargets("RemoveTargets", rule, ids, batch -> {
            RemoveTargetsResponse response = backoff.call("RemoveTargets", () -> eventBridge.removeTargets(
                    r -> r.rule(rule).eventBusName(busId).ids(batch)));
            return response.failedEntries().stream()
                    .map(f -> new FailedEntry(f.targetId(), f.errorCode(), f.errorMessage())).toList();
        });
    }

    /** A target entry that PutTargets or RemoveTargets reported failed. */
    private record FailedEntry(String targetId, String errorCode, String errorMessage) {
    }

    /**
     * Sends target ids in requests of at most 10 and resends the entries that failed with a retryable code (the SDK
     * does not: the response is a success). A non-retryable failure, or retries running out, is thrown.
     */
    private void writeTargets(String operation, String rule, List<String> ids,
            Function<List<String>, List<FailedEntry>> send) {
        for (int from = 0; from < ids.size(); from += MAX_TARGETS_PER_REQUEST) {
            List<String> pending = ids.subList(from, Math.min(ids.size(), from + MAX_TARGETS_PER_REQUEST));
            for (int attempt = 1;; attempt++) {
                List<FailedEntry> failed = send.apply(pending);
                if (failed.isEmpty()) {
                    break;
                }
                boolean retryable = failed.stream().allMatch(f -> Backoff.RETRYABLE_CODES.contains(f.errorCode()));
                if (!retryable || attempt >= backoff.maxAttempts) {
                    StringBuilder message = new StringBuilder(operation).append(" on rule ").append(rule)
                            .append(" failed for ").append(failed.size()).append(failed.size() == 1 ? " target" : " targets")
                            .append(retryable ? " after " + attempt + " attempts" : "").append(':');
                    for (FailedEntry f : failed) {
                        message.append("\n  ").append(f.targetId()).append(": ").append(f.errorCode()).append(": ")
                                .append(f.errorMessage());
                    }
                    message.append("\nThe other changes were made; fix the cause and subscribe again (it only makes "
                            + "the changes still missing).");
                    throw CoherenceClientException.aws(message.toString(), failed.get(0).errorCode(), null, null);
                }
                LOG.debug("{} on rule {}: {} entries failed with a retryable error; resending (attempt {} of {})",
                        operation, rule, failed.size(), attempt + 1, backoff.maxAttempts);
                backoff.pause(attempt);
                List<String> again = failed.stream().map(FailedEntry::targetId).toList();
                pending = pending.stream().filter(again::contains).toList();
                if (pending.isEmpty()) {
                    throw CoherenceClientException.aws(operation + " on rule " + rule + " reported failures for "
                            + "targets it was not sent: " + again + "; check the endpoint the EventBridgeClient "
                            + "talks to.", failed.get(0).errorCode(), null, null);
                }
            }
        }
    }

    /**
     * Deletes the rule once its targets are gone. EventBridge refuses while it still has targets ("Rule can't be
     * deleted since it has targets."), which a removal not yet visible (eventual consistency) can cause: that is
     * retried.
     */
    void deleteRule(String name) {
        backoff.call("DeleteRule", () -> eventBridge.deleteRule(r -> r.name(name).eventBusName(busId)),
                e -> AwsErrors.hasCode(e, "ValidationException") && AwsErrors.message(e).contains("has targets"));
    }

    private void log(SubscriptionPlan plan, Action... actions) {
        for (PlannedChange change : plan.changes()) {
            for (Action action : actions) {
                if (change.action() == action) {
                    logged(change, busName);
                }
            }
        }
    }

    /** Logs a change made, at INFO: one line, with names and ARNs but never a payload. */
    static PlannedChange logged(PlannedChange change, String busName) {
        LOG.info("{} (bus {})", change, busName);
        return change;
    }
}
