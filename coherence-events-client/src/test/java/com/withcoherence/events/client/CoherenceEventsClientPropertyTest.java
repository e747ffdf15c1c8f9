package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.ACCOUNT;
import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.testkit.EndpointFaults;
import com.withcoherence.events.testkit.EntryFailure;
import com.withcoherence.events.testkit.EventBridgeOperation;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.InputTransformer;
import com.withcoherence.events.testkit.LocalEventBridge;
import com.withcoherence.events.testkit.RetryPolicy;
import com.withcoherence.events.testkit.Rule;
import com.withcoherence.events.testkit.RuleDefinition;
import com.withcoherence.events.testkit.RuleState;
import com.withcoherence.events.testkit.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The client's central promise, over subscriptions and bus states built from fuzz input: <b>the plan applied, then
 * planned again, is empty</b>, and the bus then holds exactly the subscription. Checked with the real SDK client over
 * HTTP against the testkit's loopback endpoint (one per JVM), whose bus is reset for every input:
 *
 * <ul>
 *   <li>before: nothing, a rule of the subscription's name that coherence-events created (any pattern, state,
 *       description and up to five targets, some sharing the subscription's ids), or one it did not create (adopted
 *       only with {@link SubscribeOption#ADOPT_EXISTING_RULE}; without it refused, with nothing changed), and rules
 *       of other names that must stay as they are;</li>
 *   <li>after {@code subscribe}: {@code plan} is empty, a second {@code subscribe} reports no change and makes no
 *       write call, and the rule (pattern, state, description, tag) and its targets (every field) are the
 *       subscription's;</li>
 *   <li>under injected faults (throttled calls, failed PutTargets entries, the client's retries exhausted):
 *       {@code subscribe} fails only with a {@link CoherenceClientException}, and calling it again until it succeeds
 *       ends in the same state.</li>
 * </ul>
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoherenceEventsClientPropertyTest {

    private static final String[] NAMES = {"log-new-environments", "a", "x.y-z_1", "r".repeat(64), "other-1"};
    private static final String[] DESCRIPTIONS = {"", "Coherence events", "d".repeat(512), "ünïcödé — 日本"};
    private static final String[] PATTERNS = {
        Fixtures.NEW_ENVIRONMENTS_PATTERN,
        "{\"source\":[\"Coherence\"]}",
        "{\"detail-type\":[\"new_environments\"],\"source\":[\"Coherence\"]}",
        "{ \"source\" : [ \"Coherence\" ] , \"detail-type\" : [ \"new_environments\" ] }",
        "{\"source\":[\"Coherence\"],\"detail\":{\"environments\":{\"environment_name\":[{\"prefix\":\"pr-\"}]}}}",
        "{\"source\":[\"Coherence\"],\"detail-type\":[\"valid_environments\"],"
                + "\"detail\":{\"environments\":{\"application_name\":[\"shop\"]}}}",
    };
    private static final String[] IDS = {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "log-events"};
    private static final String LAMBDA = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:";
    private static final String QUEUE = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":";
    private static final String[] INPUT_PATHS = {"$.detail", "$.detail.environments[0]", "$.id"};
    private static final String[] INPUTS = {"{\"a\":1}", "\"text\"", "[1,2]", "{}"};
    private static final String[] TEMPLATES = {"<env>", "{\"e\": <env>}", "\"<env> at <time>\""};
    private static final EventBridgeOperation[] WRITES = {EventBridgeOperation.PUT_RULE,
        EventBridgeOperation.PUT_TARGETS, EventBridgeOperation.REMOVE_TARGETS, EventBridgeOperation.TAG_RESOURCE,
        EventBridgeOperation.DESCRIBE_RULE, EventBridgeOperation.LIST_TARGETS_BY_RULE};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final InMemoryEventBridge BRIDGE = InMemoryEventBridge.builder().account(ACCOUNT).region(REGION)
            .build();
    private static final LocalEventBridge ENDPOINT = LocalEventBridge.start(BRIDGE);
    private static final EventBridgeClient EVENT_BRIDGE = CoherenceEventsClientTest.eventBridge(ENDPOINT.endpoint());

    @AfterAll
    static void stop() {
        EVENT_BRIDGE.close();
        ENDPOINT.close();
    }

    @FuzzTest
    void planAppliedThenReplannedIsEmpty(FuzzedDataProvider data) {
        BRIDGE.deleteEventBus(BUS);
        BRIDGE.createEventBus(BUS);
        EndpointFaults faults = ENDPOINT.faults();
        faults.clear();

        Subscription subscription = subscription(data);
        String name = subscription.name();
        int before = data.consumeInt(0, 2);
        boolean adopt = data.consumeBoolean();
        if (before > 0) {
            existingRule(data, name, before == 1);
        }
        int others = data.consumeInt(0, 2);
        for (int i = 0; i < others; i++) {
            existingRule(data, "unrelated-" + i, data.consumeBoolean());
        }
        Map<String, String> untouched = snapshotExcept(name);
        SubscribeOption[] options = adopt ? new SubscribeOption[] {SubscribeOption.ADOPT_EXISTING_RULE}
                : new SubscribeOption[0];
        CoherenceEventsClient client = CoherenceEventsClient.builder().eventBridge(EVENT_BRIDGE).bus(BUS)
                .sleeper(delay -> { }).random(() -> 0.5).maxAttempts(data.consumeInt(1, 5))
                .pageSize(data.consumeInt(1, 3)).build();

        if (before == 2 && !adopt) {
            String rule = snapshot(name);
            CoherenceClientException refused = assertThrows(CoherenceClientException.class,
                    () -> client.subscribe(subscription));
            assertTrue(refused.getMessage().contains("not created by coherence-events"), refused::getMessage);
            assertEquals(rule, snapshot(name), "a refused subscription changed the rule");
            assertEquals(untouched, snapshotExcept(name));
            return;
        }

        if (data.consumeBoolean()) {
            long seed = data.consumeLong();
            double probability = data.consumeInt(1, 60) / 100.0;
            for (EventBridgeOperation operation : WRITES) {
                faults.throttleWithProbability(operation, probability, seed++);
            }
            faults.failPutTargetsEntries(EntryFailure.<Target>withProbability(probability, seed)
                    .withErrorCode(EntryFailure.INTERNAL_FAILURE));
        }
        boolean subscribed = false;
        for (int attempt = 0; attempt < 20 && !subscribed; attempt++) {
            try {
                client.subscribe(subscription, options);
                subscribed = true;
            } catch (CoherenceClientException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
            }
        }
        faults.clear();
        if (!subscribed) {
            client.subscribe(subscription, options);
        }

        SubscriptionPlan again = client.plan(subscription, options);
        assertTrue(again.isEmpty(), () -> "planned again after subscribe: " + again.lines());
        long writes = ENDPOINT.requests().writeCount();
        SubscribeResult second = client.subscribe(subscription, options);
        assertFalse(second.changed(), () -> "a second subscribe changed " + second.changes());
        assertEquals(writes, ENDPOINT.requests().writeCount(), "a second subscribe wrote");

        assertHolds(subscription);
        assertEquals(untouched, snapshotExcept(name), "subscribe changed another rule");
    }

    /** The rule and its targets are exactly the subscription's. */
    private static void assertHolds(Subscription subscription) {
        Rule rule = BRIDGE.describeRule(BUS, subscription.name());
        assertEquals(tree(subscription.pattern().json()), tree(rule.eventPattern().orElseThrow()));
        assertEquals(subscription.enabled() ? RuleState.ENABLED : RuleState.DISABLED, rule.state());
        assertEquals(subscription.description(), rule.description().orElse(""));
        assertTrue(rule.roleArn().isEmpty());
        assertTrue(rule.scheduleExpression().isEmpty());
        assertEquals(Planner.OWNER_TAG_VALUE, BRIDGE.listTagsForResource(rule.arn()).get(Planner.OWNER_TAG_KEY));

        Map<String, String> expected = new TreeMap<>();
        for (SubscriptionTarget target : subscription.targets()) {
            expected.put(target.id(), describe(target));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Target target : BRIDGE.listTargetsByRule(BUS, subscription.name())) {
            actual.put(target.id(), describe(target));
        }
        assertEquals(expected, actual);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    /** Every field of a desired target, as the test reads it; a retry policy left out is EventBridge's default. */
    private static String describe(SubscriptionTarget t) {
        TargetRetryPolicy retry = t.retryPolicy().orElse(new TargetRetryPolicy(TargetRetryPolicy.MAX_RETRY_ATTEMPTS,
                TargetRetryPolicy.MAX_EVENT_AGE_SECONDS));
        return String.join(" | ", t.arn(), t.roleArn().orElse("-"), t.messageGroupId().orElse("-"),
                retry.maximumRetryAttempts() + "/" + retry.maximumEventAgeInSeconds(),
                t.deadLetterQueueArn().orElse("-"), t.input().orElse("-"), t.inputPath().orElse("-"),
                t.inputTransformer().map(x -> new TreeMap<>(x.inputPathsMap()) + " " + x.inputTemplate())
                        .orElse("-"));
    }

    /** Every field of a target on the bus, in the same form. */
    private static String describe(Target t) {
        RetryPolicy retry = t.retryPolicy().orElse(RetryPolicy.DEFAULT);
        return String.join(" | ", t.arn(), t.roleArn().orElse("-"), t.sqsMessageGroupId().orElse("-"),
                retry.maximumRetryAttempts() + "/" + retry.maximumEventAgeInSeconds(),
                t.deadLetterArn().orElse("-"), t.input().orElse("-"), t.inputPath().orElse("-"),
                t.inputTransformer().map(x -> new TreeMap<>(x.inputPathsMap()) + " " + x.inputTemplate())
                        .orElse("-"));
    }

    /** Every rule of the bus but {@code except}, with its state, pattern, tags and targets. */
    private static Map<String, String> snapshotExcept(String except) {
        Map<String, String> rules = new TreeMap<>();
        for (Rule rule : BRIDGE.listRules(BUS)) {
            if (!rule.name().equals(except)) {
                rules.put(rule.name(), snapshot(rule.name()));
            }
        }
        return rules;
    }

    private static String snapshot(String name) {
        Rule rule = BRIDGE.describeRule(BUS, name);
        List<String> targets = new ArrayList<>();
        BRIDGE.listTargetsByRule(BUS, name).forEach(target -> targets.add(target.id() + " " + describe(target)));
        return rule + " " + BRIDGE.listTagsForResource(rule.arn()) + " " + targets;
    }

    /** A rule already on the bus: owned (tagged) or not, with any pattern, state, description and targets. */
    private static void existingRule(FuzzedDataProvider data, String name, boolean owned) {
        RuleDefinition.Builder rule = RuleDefinition.builder(name).eventBusName(BUS)
                .eventPattern(data.pickValue(PATTERNS))
                .state(data.consumeBoolean() ? RuleState.ENABLED : RuleState.DISABLED)
                .description(data.consumeBoolean() ? null : data.pickValue(DESCRIPTIONS));
        if (owned) {
            rule.tag(Planner.OWNER_TAG_KEY, Planner.OWNER_TAG_VALUE);
        }
        if (data.consumeInt(0, 7) == 0) {
            rule.roleArn(Fixtures.ROLE);
        }
        BRIDGE.putRule(rule.build());
        int count = data.consumeInt(0, 5);
        Set<String> ids = new LinkedHashSet<>();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = data.pickValue(IDS);
            if (!ids.add(id)) {
                continue;
            }
            Target.Builder target = Target.builder(id, data.consumeBoolean() ? LAMBDA + "f" + data.consumeInt(1, 3)
                    : QUEUE + "q" + data.consumeInt(1, 3));
            switch (data.consumeInt(0, 4)) {
                case 0 -> target.input(data.pickValue(INPUTS));
                case 1 -> target.inputPath(data.pickValue(INPUT_PATHS));
                case 2 -> target.inputTransformer(InputTransformer.of(Map.of("env", "$.detail", "time", "$.time"),
                        data.pickValue(TEMPLATES)));
                default -> {
                }
            }
            if (data.consumeBoolean()) {
                target.retryPolicy(RetryPolicy.of(data.consumeInt(0, 185), data.consumeInt(60, 86_400)));
            }
            if (data.consumeInt(0, 3) == 0) {
                target.roleArn(Fixtures.ROLE);
            }
            if (data.consumeInt(0, 3) == 0) {
                target.deadLetterArn(Fixtures.DLQ);
            }
            targets.add(target.build());
        }
        if (!targets.isEmpty()) {
            BRIDGE.putTargets(BUS, name, targets);
        }
    }

    /** A valid subscription: a name, description, pattern, state and one to five targets of every kind. */
    private static Subscription subscription(FuzzedDataProvider data) {
        Subscription.Builder builder = Subscription.builder()
                .name(data.pickValue(NAMES))
                .description(data.pickValue(DESCRIPTIONS))
                .pattern(pattern(data))
                .enabled(data.consumeBoolean());
        int count = data.consumeInt(1, 5);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            String id = data.pickValue(IDS);
            if (ids.add(id)) {
                builder.target(target(data).withId(id));
            }
        }
        return builder.build();
    }

    private static EventPattern pattern(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return EventPattern.of(data.pickValue(PATTERNS));
        }
        EventPattern.Builder pattern = EventPattern.builder();
        switch (data.consumeInt(0, 2)) {
            case 0 -> pattern.newEnvironments();
            case 1 -> pattern.validEnvironments();
            default -> {
            }
        }
        if (data.consumeBoolean()) {
            pattern.environmentNamePrefixes(data.pickValue(new String[] {"pr-", "feature/", "ü"}));
        }
        if (data.consumeBoolean()) {
            pattern.applicationNames(data.pickValue(new String[] {"shop", "blog"}));
        }
        return pattern.build();
    }

    private static SubscriptionTarget target(FuzzedDataProvider data) {
        int function = data.consumeInt(1, 3);
        SubscriptionTarget target = switch (data.consumeInt(0, 6)) {
            case 0 -> SubscriptionTarget.sqs(QUEUE + "q" + function);
            case 1 -> SubscriptionTarget.sqsFifo(QUEUE + "q" + function + ".fifo", "group-" + function);
            case 2 -> SubscriptionTarget.sns(Fixtures.TOPIC);
            case 3 -> SubscriptionTarget.stepFunctions(Fixtures.STATE_MACHINE, Fixtures.ROLE);
            case 4 -> SubscriptionTarget.eventBus("arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/central",
                    Fixtures.ROLE);
            case 5 -> SubscriptionTarget.logGroup(Fixtures.LOG_GROUP);
            default -> SubscriptionTarget.lambda(LAMBDA + "f" + function);
        };
        switch (data.consumeInt(0, 4)) {
            case 0 -> target = target.withInput(data.pickValue(INPUTS));
            case 1 -> target = target.withInputPath(data.pickValue(INPUT_PATHS));
            case 2 -> {
                Map<String, String> paths = new LinkedHashMap<>();
                paths.put("env", "$.detail");
                paths.put("time", "$.time");
                target = target.withInputTransformer(paths, data.pickValue(TEMPLATES));
            }
            default -> {
            }
        }
        if (data.consumeBoolean()) {
            target = target.withRetryPolicy(data.consumeInt(0, 185), data.consumeInt(60, 86_400));
        }
        if (data.consumeInt(0, 3) == 0 && target.kind() != SubscriptionTarget.Kind.LOG_GROUP) {
            target = target.withDeadLetterQueue(Fixtures.DLQ);
        }
        return target;
    }
}
