package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Every operation of the loopback endpoint through the real AWS SDK for Java v2 client: what the SDK sends, what the
 * endpoint answers, and every error as the typed exception the SDK throws for the real service.
 */
// The SDK's consumer-builder varargs (targets(Consumer<Target.Builder>...)) are not @SafeVarargs.
@SuppressWarnings("unchecked")
class AwsJsonProtocolTest {

    static final String BUS = "12309ijsdf-your-app-name-coherence-events";
    static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:coherence-events";
    static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
    static final String NEW_ONLY = "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}";
    static final String BUS_ARN = "arn:aws:events:us-east-1:123456789012:event-bus/" + BUS;

    LocalEventBridge endpoint;
    InMemoryEventBridge bridge;
    EventBridgeClient events;

    @BeforeEach
    void start() {
        endpoint = LocalEventBridge.start();
        bridge = endpoint.bridge();
        events = Sdk.withoutRetries(endpoint.endpoint());
    }

    @AfterEach
    void stop() {
        events.close();
        endpoint.close();
        assertEquals(List.of(), endpoint.internalErrors(), "no request made the endpoint fail");
    }

    /** Asserts the SDK threw exactly {@code type} with the service's code and message, as for HTTP 400. */
    static <T extends EventBridgeException> T assertAwsError(Class<T> type, String code, String message,
            Executable call) {
        EventBridgeException e = assertThrows(EventBridgeException.class, call);
        assertEquals(type, e.getClass(), e.toString());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        return type.cast(e);
    }

    void createBus() {
        events.createEventBus(b -> b.name(BUS));
    }

    void putRule(String name) {
        events.putRule(b -> b.name(name).eventBusName(BUS).eventPattern(NEW_ONLY));
    }

    /** Follows NextToken through every page, as the SDK offers no paginator for these operations. */
    static <R, T> List<List<T>> pages(Function<String, R> call, Function<R, List<T>> items,
            Function<R, String> nextToken) {
        List<List<T>> pages = new ArrayList<>();
        String token = null;
        do {
            R page = call.apply(token);
            pages.add(items.apply(page));
            token = nextToken.apply(page);
        } while (token != null);
        return pages;
    }

    @Nested
    class EventBuses {

        @Test
        void createsDescribesListsAndDeletesABus() {
            String arn = events.createEventBus(b -> b.name(BUS).description("Coherence's events")
                    .tags(Tag.builder().key("team").value("platform").build())).eventBusArn();
            assertEquals(BUS_ARN, arn);

            DescribeEventBusResponse described = events.describeEventBus(b -> b.name(BUS));
            assertEquals(BUS, described.name());
            assertEquals(arn, described.arn());
            assertEquals("Coherence's events", described.description());
            assertEquals(InMemoryEventBridge.DEFAULT_START_TIME, described.creationTime());
            assertEquals(InMemoryEventBridge.DEFAULT_START_TIME, described.lastModifiedTime());
            assertEquals(described.toString(), events.describeEventBus(b -> b.name(arn)).toString(),
                    "by ARN as by name");
            assertEquals(List.of(Tag.builder().key("team").value("platform").build()),
                    events.listTagsForResource(b -> b.resourceARN(arn)).tags());

            assertEquals(List.of(BUS, "default"), events.listEventBuses(b -> { }).eventBuses().stream()
                    .map(bus -> bus.name()).toList());
            assertEquals(List.of(BUS), events.listEventBuses(b -> b.namePrefix("12309")).eventBuses().stream()
                    .map(bus -> bus.name()).toList());

            events.deleteEventBus(b -> b.name(BUS));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Event bus " + BUS + " does not exist.", () -> events.describeEventBus(b -> b.name(BUS)));
            events.deleteEventBus(b -> b.name(BUS));
        }

        @Test
        void describesTheDefaultBusWhenNoNameIsGiven() {
            DescribeEventBusResponse described = events.describeEventBus(b -> { });
            assertEquals("default", described.name());
            assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/default", described.arn());
        }

        @Test
        void pagesBusesOneAtATime() {
            for (String name : List.of("a-bus", "b-bus", "c-bus")) {
                events.createEventBus(b -> b.name(name));
            }
            List<List<String>> pages = pages(
                    token -> events.listEventBuses(b -> b.limit(1).nextToken(token)),
                    page -> page.eventBuses().stream().map(bus -> bus.name()).toList(),
                    ListEventBusesResponse::nextToken);
            assertEquals(List.of(List.of("a-bus"), List.of("b-bus"), List.of("c-bus"), List.of("default")), pages);
        }

        @Test
        void refusesABusThatExistsAndTheDefaultBusAndABadName() {
            createBus();
            assertAwsError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException",
                    "Event bus " + BUS + " already exists.", () -> events.createEventBus(b -> b.name(BUS)));
            assertAwsError(EventBridgeException.class, "ValidationException", "Cannot delete event bus default.",
                    () -> events.deleteEventBus(b -> b.name("default")));
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: "
                    + "Value 'my bus' at 'name' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [/\\.\\-_A-Za-z0-9]+", () -> events.createEventBus(b -> b.name("my bus")));
        }

        @Test
        void refusesAPartnerBusWhoseSourceDoesNotExistAndMembersItDoesNotModel() {
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Event source aws.partner/example.com/123/orders does not exist.",
                    () -> events.createEventBus(b -> b.name("aws.partner/example.com/123/orders")
                            .eventSourceName("aws.partner/example.com/123/orders")));
            EventBridgeException e = assertAwsError(EventBridgeException.class, "ValidationException",
                    "KmsKeyIdentifier is a valid EventBridge member that the testkit's endpoint does not model for "
                            + "an event bus, so it would be lost; leave it out in tests, or test this part against "
                            + "AWS.", () -> events.createEventBus(b -> b.name(BUS).kmsKeyIdentifier("alias/key")));
            assertFalse(e.getMessage().isEmpty());
            assertEquals(1, bridge.listEventBuses().size(), "nothing was created");
        }
    }

    @Nested
    class Rules {

        @Test
        void putRuleAnswersTheRuleArnOnACustomBusAndOnTheDefaultBus() {
            createBus();
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/new-environments",
                    events.putRule(b -> b.name("new-environments").eventBusName(BUS).eventPattern(NEW_ONLY))
                            .ruleArn());
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/on-default",
                    events.putRule(b -> b.name("on-default").eventPattern(NEW_ONLY)).ruleArn());
        }

        @Test
        void describeRuleAnswersEveryMemberPut() {
            createBus();
            events.putRule(b -> b.name("new-environments").eventBusName(BUS).eventPattern(NEW_ONLY)
                    .state(RuleState.DISABLED).description("new environments only")
                    .roleArn("arn:aws:iam::123456789012:role/events"));
            DescribeRuleResponse rule = events.describeRule(b -> b.name("new-environments").eventBusName(BUS));
            assertEquals("new-environments", rule.name());
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/new-environments", rule.arn());
            assertEquals(NEW_ONLY, rule.eventPattern(), "the pattern exactly as put");
            assertEquals(RuleState.DISABLED, rule.state());
            assertEquals("new environments only", rule.description());
            assertEquals("arn:aws:iam::123456789012:role/events", rule.roleArn());
            assertEquals(BUS, rule.eventBusName());
            assertEquals("123456789012", rule.createdBy());
            assertEquals(null, rule.scheduleExpression());
        }

        @Test
        void putRuleReplacesTheRuleAndKeepsItsTargets() {
            createBus();
            events.putRule(b -> b.name("r").eventBusName(BUS).eventPattern(NEW_ONLY).description("first"));
            events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("queue").arn(QUEUE)));
            events.putRule(b -> b.name("r").eventBusName(BUS).eventPattern("{\"source\": [\"Coherence\"]}"));

            DescribeRuleResponse rule = events.describeRule(b -> b.name("r").eventBusName(BUS));
            assertEquals("{\"source\": [\"Coherence\"]}", rule.eventPattern());
            assertEquals(null, rule.description(), "a member left out is cleared, as AWS documents");
            assertEquals(List.of("queue"), events.listTargetsByRule(b -> b.rule("r").eventBusName(BUS)).targets()
                    .stream().map(Target::id).toList());
        }

        @Test
        void refusesAPatternEventBridgeRefusesWithInvalidEventPatternException() {
            createBus();
            InvalidEventPatternException e = assertThrows(InvalidEventPatternException.class,
                    () -> events.putRule(b -> b.name("r").eventBusName(BUS).eventPattern("{\"source\": \"x\"}")));
            assertEquals(400, e.statusCode());
            assertEquals("InvalidEventPatternException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Event pattern is not valid. Reason: "),
                    e.awsErrorDetails().errorMessage());
            assertEquals(List.of(), bridge.listRules(BUS));
        }

        @Test
        void refusesARuleOnABusThatDoesNotExist() {
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Event bus nope does not exist.",
                    () -> events.putRule(b -> b.name("r").eventBusName("nope").eventPattern(NEW_ONLY)));
        }

        @Test
        void refusesThe301stRuleOfABus() {
            createBus();
            for (int i = 0; i < InMemoryEventBridge.DEFAULT_MAX_RULES_PER_BUS; i++) {
                bridge.putRule(RuleDefinition.of(String.format("rule-%03d", i), BUS, NEW_ONLY));
            }
            assertAwsError(LimitExceededException.class, "LimitExceededException",
                    "The requested resource exceeds the maximum number allowed.", () -> putRule("one-too-many"));
            events.putRule(b -> b.name("rule-000").eventBusName(BUS).eventPattern(NEW_ONLY).description("update"));
        }

        @Test
        void refusesAStateOutsideTheEnumAndAMissingName() {
            createBus();
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS_PLEASE' at 'state' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [ENABLED, DISABLED, "
                    + "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
                    () -> events.putRule(b -> b.name("r").eventBusName(BUS).eventPattern(NEW_ONLY)
                            .state("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS_PLEASE")));
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "null at 'name' failed to satisfy constraint: Member must not be null",
                    () -> events.putRule(b -> b.eventBusName(BUS).eventPattern(NEW_ONLY)));
            assertAwsError(EventBridgeException.class, "ValidationException",
                    "Parameter(s) EventPattern or ScheduleExpression must be specified.",
                    () -> events.putRule(b -> b.name("r").eventBusName(BUS)));
        }

        @Test
        void listRulesPagesOneAtATimeWithANamePrefix() {
            createBus();
            for (String name : List.of("coherence-a", "coherence-b", "coherence-c", "other")) {
                putRule(name);
            }
            List<List<String>> pages = pages(
                    token -> events.listRules(b -> b.eventBusName(BUS).namePrefix("coherence-").limit(1)
                            .nextToken(token)),
                    page -> page.rules().stream().map(rule -> rule.name()).toList(),
                    ListRulesResponse::nextToken);
            assertEquals(List.of(List.of("coherence-a"), List.of("coherence-b"), List.of("coherence-c")), pages);

            ListRulesResponse all = events.listRules(b -> b.eventBusName(BUS));
            assertEquals(4, all.rules().size());
            assertEquals(null, all.nextToken());
            assertEquals(NEW_ONLY, all.rules().get(0).eventPattern());
            assertEquals(RuleState.ENABLED, all.rules().get(0).state());
            assertEquals(BUS, all.rules().get(0).eventBusName());
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/coherence-a",
                    all.rules().get(0).arn());
        }

        /**
         * AWS-recorded for ListTargetsByRule given a ListRules token (GoogleCloudPlatform/terraformer#2082): HTTP 400
         * ValidationException "Parameter NextToken is not valid.", not the API reference's "InvalidToken".
         */
        @Test
        void refusesANextTokenNotGivenForTheSameCallAsAwsDoes() {
            createBus();
            putRule("a");
            putRule("b");
            events.putTargets(b -> b.rule("a").eventBusName(BUS).targets(t -> t.id("t1").arn(QUEUE),
                    t -> t.id("t2").arn(LAMBDA)));
            String rulesToken = events.listRules(b -> b.eventBusName(BUS).limit(1)).nextToken();
            String targetsToken = events.listTargetsByRule(b -> b.rule("a").eventBusName(BUS).limit(1)).nextToken();

            for (Executable call : List.<Executable>of(
                    () -> events.listTargetsByRule(b -> b.rule("a").eventBusName(BUS).nextToken(rulesToken)),
                    () -> events.listRules(b -> b.eventBusName(BUS).nextToken(targetsToken)),
                    () -> events.listRules(b -> b.eventBusName(BUS).namePrefix("a").nextToken(rulesToken)),
                    () -> events.listRules(b -> b.eventBusName(BUS).nextToken("made-up")),
                    () -> events.listTargetsByRule(b -> b.rule("a").eventBusName(BUS).nextToken("made-up")))) {
                assertAwsError(EventBridgeException.class, "ValidationException", "Parameter NextToken is not valid.",
                        call);
            }
            assertEquals(List.of("b"), events.listRules(b -> b.eventBusName(BUS).limit(5).nextToken(rulesToken))
                    .rules().stream().map(rule -> rule.name()).toList(), "another Limit is the same call");
        }

        @Test
        void refusesALimitOutsideOneToAHundred() {
            createBus();
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "'0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                    () -> events.listRules(b -> b.eventBusName(BUS).limit(0)));
        }

        @Test
        void disablingARuleStopsItsDeliveriesAndEnablingResumesThem() {
            createBus();
            putRule("r");
            events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("queue").arn(QUEUE)));

            events.disableRule(b -> b.name("r").eventBusName(BUS));
            assertEquals(RuleState.DISABLED, events.describeRule(b -> b.name("r").eventBusName(BUS)).state());
            putDocumentedNewEnvironments();
            bridge.deliveryLog().assertNothingDeliveredTo(QUEUE);

            events.enableRule(b -> b.name("r").eventBusName(BUS));
            assertEquals(RuleState.ENABLED, events.describeRule(b -> b.name("r").eventBusName(BUS)).state());
            putDocumentedNewEnvironments();
            bridge.deliveryLog().assertDeliveredTo(QUEUE, 1);
        }

        @Test
        void deleteRuleIsRefusedWhileTargetsRemainAndThenSucceedsEveryTime() {
            createBus();
            putRule("r");
            events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("queue").arn(QUEUE)));
            assertAwsError(EventBridgeException.class, "ValidationException",
                    "Rule can't be deleted since it has targets.",
                    () -> events.deleteRule(b -> b.name("r").eventBusName(BUS)));

            RemoveTargetsResponse removed = events.removeTargets(b -> b.rule("r").eventBusName(BUS).ids("queue"));
            assertEquals(0, removed.failedEntryCount());
            assertEquals(List.of(), removed.failedEntries());
            events.deleteRule(b -> b.name("r").eventBusName(BUS).force(false));
            events.deleteRule(b -> b.name("r").eventBusName(BUS));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule r does not exist on EventBus " + BUS + ".",
                    () -> events.describeRule(b -> b.name("r").eventBusName(BUS)));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Event bus nope does not exist.", () -> events.deleteRule(b -> b.name("r").eventBusName("nope")));
        }

        @Test
        void enablingOrDisablingARuleThatDoesNotExistIsResourceNotFound() {
            createBus();
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> events.enableRule(b -> b.name("nope").eventBusName(BUS)));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> events.disableRule(b -> b.name("nope").eventBusName(BUS)));
        }
    }

    @Nested
    class Targets {

        @Test
        void listTargetsByRuleAnswersEveryModelledMemberAsPut() {
            createBus();
            putRule("r");
            List<Target> targets = List.of(
                    Target.builder().id("whole").arn(LAMBDA).build(),
                    Target.builder().id("constant").arn(QUEUE).input("{\"fixed\": true}")
                            .roleArn("arn:aws:iam::123456789012:role/events").build(),
                    Target.builder().id("detail").arn(QUEUE).inputPath("$.detail").build(),
                    Target.builder().id("transformed").arn(LAMBDA)
                            .inputTransformer(t -> t.inputPathsMap(Map.of("names",
                                    "$.detail.new_environments[*].environment_name"))
                                    .inputTemplate("{\"created\": <names>}"))
                            .retryPolicy(r -> r.maximumRetryAttempts(2).maximumEventAgeInSeconds(3600))
                            .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:123456789012:dlq")).build(),
                    Target.builder().id("fifo").arn("arn:aws:sqs:us-east-1:123456789012:events.fifo")
                            .sqsParameters(s -> s.messageGroupId("coherence")).build());
            PutTargetsResponse put = events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(targets));
            assertEquals(0, put.failedEntryCount());
            assertEquals(List.of(), put.failedEntries());

            assertEquals(targets, events.listTargetsByRule(b -> b.rule("r").eventBusName(BUS)).targets());
        }

        @Test
        void pagesTargetsOneAtATime() {
            createBus();
            putRule("r");
            events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("a").arn(QUEUE),
                    t -> t.id("b").arn(QUEUE), t -> t.id("c").arn(LAMBDA)));
            List<List<String>> pages = pages(
                    token -> events.listTargetsByRule(b -> b.rule("r").eventBusName(BUS).limit(1).nextToken(token)),
                    page -> page.targets().stream().map(Target::id).toList(),
                    ListTargetsByRuleResponse::nextToken);
            assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), pages);
        }

        @Test
        void refusesASixthTargetWithLimitExceeded() {
            createBus();
            putRule("r");
            for (int i = 1; i <= 5; i++) {
                String id = "t" + i;
                events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id(id).arn(QUEUE)));
            }
            assertAwsError(LimitExceededException.class, "LimitExceededException",
                    "The requested resource exceeds the maximum number allowed.",
                    () -> events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("t6").arn(QUEUE))));
            events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("t5").arn(LAMBDA)));
            assertEquals(5, bridge.listTargetsByRule(BUS, "r").size(), "an update in place is not a sixth target");
        }

        @Test
        void refusesABadTargetIdWithAwsRecordedValidationMessage() {
            createBus();
            putRule("r");
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "'log events' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular "
                    + "expression pattern: [\\.\\-_A-Za-z0-9]+",
                    () -> events.putTargets(b -> b.rule("r").eventBusName(BUS)
                            .targets(t -> t.id("log events").arn(QUEUE))));
        }

        @Test
        void namesMissingNestedMembersByTheirRequestPath() {
            createBus();
            putRule("r");
            assertAwsError(EventBridgeException.class, "ValidationException", "2 validation errors detected: Value "
                    + "null at 'targets.2.member.arn' failed to satisfy constraint: Member must not be null; Value "
                    + "null at 'targets.2.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member "
                    + "must not be null",
                    () -> events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("ok").arn(QUEUE),
                            t -> t.id("bad").inputTransformer(i -> i.inputPathsMap(Map.of("a", "$.a"))))));
            assertEquals(List.of(), bridge.listTargetsByRule(BUS, "r"), "nothing was put");
        }

        @Test
        void refusesMoreThanOneOfInputInputPathAndInputTransformer() {
            createBus();
            putRule("r");
            assertAwsError(EventBridgeException.class, "ValidationException",
                    "Only one of Input, InputPath, or InputTransformer must be provided for target both.",
                    () -> events.putTargets(b -> b.rule("r").eventBusName(BUS)
                            .targets(t -> t.id("both").arn(QUEUE).input("{}").inputPath("$.detail"))));
        }

        @Test
        void refusesTargetParametersTheBusDoesNotModelRatherThanDroppingThem() {
            createBus();
            putRule("r");
            assertAwsError(EventBridgeException.class, "ValidationException", "targets.1.member.KinesisParameters is "
                    + "a valid EventBridge member that the testkit's endpoint does not model for a target, so it "
                    + "would be lost; leave it out in tests, or test this part against AWS.",
                    () -> events.putTargets(b -> b.rule("r").eventBusName(BUS).targets(t -> t.id("stream")
                            .arn("arn:aws:kinesis:us-east-1:123456789012:stream/s")
                            .kinesisParameters(k -> k.partitionKeyPath("$.id")))));
        }

        @Test
        void putTargetsOnARuleOrBusThatDoesNotExistIsResourceNotFound() {
            createBus();
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> events.putTargets(b -> b.rule("nope").eventBusName(BUS).targets(t -> t.id("q").arn(QUEUE))));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> events.listTargetsByRule(b -> b.rule("nope").eventBusName(BUS)));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> events.removeTargets(b -> b.rule("nope").eventBusName(BUS).ids("q")));
        }

        @Test
        void listRuleNamesByTargetPagesTheRulesThatHaveTheTarget() {
            createBus();
            for (String name : List.of("a", "b", "c")) {
                putRule(name);
                events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(t -> t.id("q").arn(QUEUE)));
            }
            putRule("other");
            List<List<String>> pages = pages(
                    token -> events.listRuleNamesByTarget(b -> b.eventBusName(BUS).targetArn(QUEUE).limit(2)
                            .nextToken(token)),
                    ListRuleNamesByTargetResponse::ruleNames,
                    ListRuleNamesByTargetResponse::nextToken);
            assertEquals(List.of(List.of("a", "b"), List.of("c")), pages);
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Event bus nope does not exist.",
                    () -> events.listRuleNamesByTarget(b -> b.eventBusName("nope").targetArn(QUEUE)));
        }
    }

    @Nested
    class Events {

        @Test
        void putsTheDocumentedEventsAndDeliversOnlyTheMatchingOne() {
            createBus();
            putRule("new-environments");
            events.putTargets(b -> b.rule("new-environments").eventBusName(BUS).targets(t -> t.id("log").arn(LAMBDA)));

            PutEventsResponse response = events.putEvents(b -> b.entries(
                    documented(CoherenceFixtures.documentedNewEnvironmentsJson()),
                    documented(CoherenceFixtures.documentedValidEnvironmentsJson())));
            assertEquals(0, response.failedEntryCount());
            assertEquals(2, response.entries().size());
            response.entries().forEach(entry -> assertEquals(36, entry.eventId().length(), entry.toString()));

            DeliveryAttempt delivered = bridge.deliveryLog().deliveriesTo(LAMBDA).get(0);
            assertEquals(1, bridge.deliveryLog().deliveries().size());
            assertEquals(response.entries().get(0).eventId(), delivered.eventId());
            JsonNode event = Json.parseOrNull(delivered.payload());
            assertEquals("2023-05-19T13:56:16Z", event.get("time").textValue(), "the entry's Time, sent as epoch "
                    + "seconds, arrives as the event's time");
            assertEquals(Json.parseOrNull(CoherenceFixtures.documentedNewEnvironmentsJson()).get("detail"),
                    event.get("detail"));
        }

        @Test
        void answersInvalidArgumentAndMalformedDetailPerEntryAndPutsTheRest() {
            createBus();
            PutEventsResponse response = events.putEvents(b -> b.entries(
                    PutEventsRequestEntry.builder().eventBusName(BUS).detailType("x").detail("{}").build(),
                    PutEventsRequestEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("[1, 2]").build(),
                    PutEventsRequestEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("{}").build()));
            assertEquals(2, response.failedEntryCount());
            assertEquals("InvalidArgument", response.entries().get(0).errorCode());
            assertEquals("Parameter Source is not valid. Reason: Source is a required argument.",
                    response.entries().get(0).errorMessage());
            assertEquals(null, response.entries().get(0).eventId());
            assertEquals("MalformedDetail", response.entries().get(1).errorCode());
            assertEquals("Detail is malformed.", response.entries().get(1).errorMessage());
            assertEquals(null, response.entries().get(2).errorCode());
            assertEquals(36, response.entries().get(2).eventId().length());
        }

        @Test
        void acceptsAndDropsAnEventForABusThatDoesNotExistWithADiagnostic() {
            PutEventsResponse response = events.putEvents(b -> b.entries(e -> e.eventBusName("no-such-bus")
                    .source("Coherence").detailType("new_environments").detail("{}")));
            assertEquals(0, response.failedEntryCount());
            String id = response.entries().get(0).eventId();
            List<Diagnostic> diagnostics = bridge.deliveryLog().diagnostics();
            assertEquals(1, diagnostics.size());
            assertEquals(Diagnostic.EVENT_BUS_NOT_FOUND, diagnostics.get(0).code());
            assertEquals(id, diagnostics.get(0).eventId().orElseThrow());
        }

        @Test
        void refusesNoEntriesElevenEntriesAndMoreThan256Kilobytes() {
            createBus();
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "'[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal "
                    + "to 1", () -> events.putEvents(b -> b.entries(List.of())));
            List<PutEventsRequestEntry> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(PutEventsRequestEntry.builder().eventBusName(BUS).source("s").detailType("d")
                        .detail("{}").build());
            }
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "'[11 PutEventsRequestEntry items, not shown]' at 'entries' failed to satisfy constraint: Member "
                    + "must have length less than or equal to 10", () -> events.putEvents(b -> b.entries(eleven)));

            String big = "{\"padding\": \"" + "x".repeat(InMemoryEventBridge.MAX_PUT_EVENTS_SIZE) + "\"}";
            assertAwsError(EventBridgeException.class, "ValidationException",
                    "Total size of the entries in the request is over the limit.",
                    () -> events.putEvents(b -> b.entries(e2 -> e2.eventBusName(BUS).source("s").detailType("d")
                            .detail(big))));
            assertEquals(0, bridge.deliveryLog().attempts().size());
        }

        @Test
        void testEventPatternAnswersTheEnginesResult() {
            String event = CoherenceFixtures.documentedNewEnvironmentsJson();
            assertTrue(events.testEventPattern(b -> b.eventPattern(NEW_ONLY).event(event)).result());
            assertFalse(events.testEventPattern(b -> b.eventPattern("{\"detail-type\": [\"valid_environments\"]}")
                    .event(event)).result());
            assertThrows(InvalidEventPatternException.class,
                    () -> events.testEventPattern(b -> b.eventPattern("{\"source\": [{\"prefix\": 1}]}").event(event)));
            assertAwsError(EventBridgeException.class, "ValidationException", "Parameter Event is not valid.",
                    () -> events.testEventPattern(b -> b.eventPattern(NEW_ONLY).event("{\"source\": \"Coherence\"}")));
        }
    }

    @Nested
    class Tags {

        @Test
        void tagsUntagsAndListsTheTagsOfARule() {
            createBus();
            String arn = events.putRule(b -> b.name("r").eventBusName(BUS).eventPattern(NEW_ONLY)
                    .tags(Tag.builder().key("owner").value("platform").build())).ruleArn();
            events.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("stage").value("dev").build()));
            assertEquals(List.of(tag("owner", "platform"), tag("stage", "dev")),
                    events.listTagsForResource(b -> b.resourceARN(arn)).tags());
            events.untagResource(b -> b.resourceARN(arn).tagKeys("owner", "absent"));
            assertEquals(List.of(tag("stage", "dev")), events.listTagsForResource(b -> b.resourceARN(arn)).tags());
        }

        @Test
        void taggingSomethingThatDoesNotExistIsResourceNotFound() {
            String arn = "arn:aws:events:us-east-1:123456789012:rule/nope";
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus default.",
                    () -> events.tagResource(b -> b.resourceARN(arn).tags(tag("a", "b"))));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus default.",
                    () -> events.listTagsForResource(b -> b.resourceARN(arn)));
            assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Rule nope does not exist on EventBus default.",
                    () -> events.untagResource(b -> b.resourceARN(arn).tagKeys("a")));
        }

        @Test
        void refusesATagWithoutAValue() {
            createBus();
            assertAwsError(EventBridgeException.class, "ValidationException", "1 validation error detected: Value "
                    + "null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
                    () -> events.tagResource(b -> b.resourceARN(BUS_ARN).tags(Tag.builder().key("k").build())));
        }
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** The entry a sender would put for a documented event, Time and Resources included. */
    static PutEventsRequestEntry documented(String eventJson) {
        JsonNode event = Json.parseOrNull(eventJson);
        return PutEventsRequestEntry.builder()
                .eventBusName(BUS)
                .source(event.get("source").textValue())
                .detailType(event.get("detail-type").textValue())
                .detail(Json.write(event.get("detail")))
                .time(Instant.parse(event.get("time").textValue()))
                .build();
    }

    void putDocumentedNewEnvironments() {
        events.putEvents(b -> b.entries(documented(CoherenceFixtures.documentedNewEnvironmentsJson())));
    }
}
