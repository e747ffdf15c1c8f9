package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.BUS_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.EventPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceBus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The client: its configuration, and everything it does, with the real SDK over HTTP. */
class CoherenceEventsClientTest {

    /** A real SDK client for an endpoint, without SDK retries so that every call is counted once. */
    static EventBridgeClient eventBridge(URI endpoint) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Nested
    class Configuration {

        @Test
        void needsTheEventBridgeClientAndTheBus() {
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().build());
            assertEquals(List.of("eventBridge", "bus"), e.problems().stream().map(Problem::field).toList());
        }

        @Test
        void neverTheDefaultBusNorANameEventBridgeRejects() {
            assertEquals("bus", assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().bus("default")).problems().get(0).field());
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().bus("my bus"));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().bus("arn:aws:sqs:us-east-1:123456789012:q"));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().bus((String) null));
        }

        @Test
        void takesTheBusByNameArnOrValue() {
            try (EventBridgeClient eventBridge = eventBridge(URI.create("http://127.0.0.1:9"))) {
                assertEquals(BUS, CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS_ARN).build()
                        .busName());
                assertEquals(BUS, CoherenceEventsClient.builder().eventBridge(eventBridge)
                        .bus(CoherenceBus.forApp("12309ijsdf-your-app-name")).build().busName());
            }
        }

        @Test
        void worksWithoutTheOptionalLambdaArtifact() throws Exception {
            List<java.net.URL> urls = new java.util.ArrayList<>();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                if (!java.nio.file.Path.of(entry).getFileName().toString().startsWith("lambda-")) {
                    urls.add(java.nio.file.Path.of(entry).toUri().toURL());
                }
            }
            try (FaultProxy counter = new FaultProxy(null);
                    java.net.URLClassLoader noLambda = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                            ClassLoader.getPlatformClassLoader())) {
                assertThrows(ClassNotFoundException.class,
                        () -> noLambda.loadClass("software.amazon.awssdk.services.lambda.LambdaClient"));
                Object outcome = noLambda.loadClass(NoLambdaProbe.class.getName()).getMethod("run", String.class)
                        .invoke(null, counter.uri().toString());
                assertEquals("CoherenceEventsClient[bus=" + BUS + "] InternalException", outcome);
                // The SDK's default retries resend the 500; the client itself stops after one attempt.
                assertEquals(List.of("DescribeEventBus"), counter.operations().stream().distinct().toList());
            }
        }

        @Test
        void checksTheRetrySettings() {
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().maxAttempts(0));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().maxAttempts(21));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().retryDelays(Duration.ZERO, Duration.ofSeconds(1)));
            assertThrows(CoherenceClientException.class,
                    () -> CoherenceEventsClient.builder().retryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)));
            assertThrows(CoherenceClientException.class, () -> CoherenceEventsClient.builder().sleeper(null));
        }
    }

    /** Bad input fails before any HTTP request: a proxy with nothing behind it counts the requests. */
    @Nested
    class NothingIsSentForBadInput {

        private FaultProxy counter;
        private EventBridgeClient eventBridge;
        private CoherenceEventsClient client;

        @BeforeEach
        void start() throws Exception {
            counter = new FaultProxy(null);
            eventBridge = eventBridge(counter.uri());
            client = CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS).sleeper(d -> { }).build();
        }

        @AfterEach
        void stop() {
            eventBridge.close();
            counter.close();
        }

        @Test
        void rejectsNullsAndBadNamesLocally() {
            assertThrows(CoherenceClientException.class, () -> client.subscribe(null));
            assertThrows(CoherenceClientException.class, () -> client.plan(null));
            assertThrows(CoherenceClientException.class, () -> client.permissionsFor(null));
            assertEquals("name", assertThrows(CoherenceClientException.class, () -> client.unsubscribe("bad name"))
                    .problems().get(0).field());
            assertThrows(CoherenceClientException.class, () -> client.publish((List<PublishEntry>) null));
            assertEquals("entries[1]", assertThrows(CoherenceClientException.class, () -> client.publish(
                    java.util.Arrays.asList(PublishEntry.of("s", "t", "{}"), null))).problems().get(0).field());
            assertEquals(List.of(), client.publish(List.of()).outcomes());
            assertEquals(List.of(), counter.operations());
        }

        @Test
        void wrapsAnAwsErrorWithItsCodeAndRequestId() {
            CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> client.subscriptions());
            assertEquals("InternalException", e.awsErrorCode().orElseThrow());
            assertTrue(e.awsRequestId().orElseThrow().startsWith("proxy-"), e.getMessage());
            assertEquals(5, counter.operations().size(), "a server error is retried up to maxAttempts");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Everything the client does, with the real SDK over HTTP against an EventBridge endpoint, through FaultProxy.

    /** Runs every scenario against one backend; each concrete nested class names the backend. */
    abstract static class Scenarios {

        static final String RULE = "log-new-environments";
        static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/" + RULE;
        static final String SID = Permissions.statementId(BUS, RULE);

        Backend backend;
        FaultProxy proxy;
        LambdaPolicyServer lambdaServer;
        LambdaClient lambda;
        EventBridgeClient eventBridge;
        EventBridgeClient direct;
        final List<Duration> slept = new ArrayList<>();
        CoherenceEventsClient client;

        abstract Backend backend() throws Exception;

        @BeforeEach
        void start() throws Exception {
            backend = backend();
            backend.reset();
            proxy = new FaultProxy(backend.endpoint());
            lambdaServer = new LambdaPolicyServer();
            lambda = lambdaServer.client();
            eventBridge = eventBridge(proxy.uri());
            direct = eventBridge(backend.endpoint());
            client = CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS).lambda(lambda)
                    .sleeper(slept::add).build();
        }

        @AfterEach
        void stop() {
            eventBridge.close();
            direct.close();
            lambda.close();
            lambdaServer.close();
            proxy.close();
            backend.close();
        }

        // What the bus holds, read through the EventBridge API.

        DescribeRuleResponse rule(String name) {
            return direct.describeRule(r -> r.name(name).eventBusName(BUS));
        }

        List<Target> targets(String name) {
            return direct.listTargetsByRule(r -> r.rule(name).eventBusName(BUS)).targets();
        }

        String ownerTag(String ruleArn) {
            return direct.listTagsForResource(r -> r.resourceARN(ruleArn)).tags().stream()
                    .filter(t -> t.key().equals("managed-by")).map(Tag::value).findFirst().orElse("");
        }

        List<String> ruleNames() {
            return direct.listRules(r -> r.eventBusName(BUS)).rules().stream().map(Rule::name).toList();
        }

        List<String> lambdaWrites() {
            return lambdaServer.requests().stream().filter(r -> !r.startsWith("GET")).toList();
        }

        static List<String> lines(List<PlannedChange> changes) {
            return changes.stream().map(PlannedChange::toString).toList();
        }

        static String detailType(String payload) throws Exception {
            return Validation.JSON.readTree(payload).path("detail-type").asText();
        }

        // The documented console setup.

        @Test
        void reproducesTheDocumentedConsoleSetupInCode() {
            SubscribeResult result = client.subscribe(Fixtures.documentedSetup());

            assertEquals(RULE_ARN, result.ruleArn());
            assertEquals(List.of("+ create rule " + RULE + ": ENABLED, pattern " + Fixtures.NEW_ENVIRONMENTS_PATTERN,
                    "+ add Lambda permission " + SID + ": " + Fixtures.LOG_EVENTS,
                    "+ add target log-events: " + Fixtures.LOG_EVENTS), lines(result.changes()));
            assertEquals(List.of("PutRule", "PutTargets"), proxy.writes());
            assertTrue(Planner.sameJson(Fixtures.NEW_ENVIRONMENTS_PATTERN, rule(RULE).eventPattern()));
            assertEquals("ENABLED", rule(RULE).stateAsString());
            assertEquals(List.of(Fixtures.LOG_EVENTS), targets(RULE).stream().map(Target::arn).toList());
            assertEquals("coherence-events", ownerTag(RULE_ARN));
            // The Lambda permission EventBridge needs, with the rule's ARN as SourceArn.
            assertEquals(RULE_ARN, lambdaServer.policy(Fixtures.LOG_EVENTS).get(SID).path("Condition")
                    .path("ArnLike").path("AWS:SourceArn").asText());
            assertEquals(List.of(TargetPermission.Type.LAMBDA_PERMISSION),
                    result.permissions().stream().map(TargetPermission::type).toList());
        }

        @Test
        void deliversOnlyTheDocumentedNewEnvironmentsEventToTheTarget() throws Exception {
            // The documented target is a Lambda function; where the backend cannot show Lambda deliveries, a queue
            // stands in for it.
            SubscriptionTarget target = backend.observes(Fixtures.LOG_EVENTS)
                    ? SubscriptionTarget.lambda(Fixtures.LOG_EVENTS) : SubscriptionTarget.sqs(Fixtures.QUEUE);
            client.subscribe(Fixtures.documentedSetup().toBuilder().clearTargets().target(target).build());
            CoherenceEvent created = PublishEntryTest.documented("new-environments.json");
            CoherenceEvent valid = PublishEntryTest.documented("valid-environments.json");

            PublishResult published = client.publish(created, valid);

            assertTrue(published.allAccepted(), published::toString);
            assertEquals(2, published.accepted().stream().map(PublishOutcome.Accepted::eventId).distinct().count());
            List<String> delivered = backend.deliveredTo(target.arn());
            assertEquals(1, delivered.size(), () -> "only new_environments matches: " + delivered);
            JsonNode event = Validation.JSON.readTree(delivered.get(0));
            assertEquals("new_environments", event.path("detail-type").asText());
            assertEquals(published.accepted().get(0).eventId(), event.path("id").asText());
            assertEquals(Validation.JSON.readTree(CoherenceEvents.detailJson(created)), event.path("detail"));
            assertEquals(List.of("DescribeEventBus", "PutEvents"), proxy.operations().subList(
                    proxy.operations().size() - 2, proxy.operations().size()), "one request for both events");
        }

        @Test
        void theReadmeExampleRunsAsPrinted(@TempDir java.nio.file.Path dir) throws Exception {
            String className = ReadmeTest.compile(dir);
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                    getClass().getClassLoader())) {
                Object result = loader.loadClass(className).getMethod("subscribe", EventBridgeClient.class)
                        .invoke(null, eventBridge);
                assertTrue(((SubscribeResult) result).changed());
            }
            assertEquals(List.of("DescribeEventBus", "DescribeRule", "DescribeEventBus", "DescribeRule", "PutRule",
                    "PutTargets"), proxy.operations(), "plan, then subscribe");
            assertEquals(RetryPolicy.builder().maximumRetryAttempts(10).maximumEventAgeInSeconds(3600).build(),
                    targets(RULE).get(0).retryPolicy());
        }

        // Idempotency.

        @Test
        void theSecondSubscribeMakesNoWriteCall() {
            Subscription subscription = Fixtures.documentedSetup();
            assertTrue(client.subscribe(subscription).changed());
            proxy.clear();
            int lambdaCalls = lambdaServer.requests().size();

            SubscribeResult again = client.subscribe(subscription);

            assertFalse(again.changed());
            assertEquals(List.of(), proxy.writes());
            assertEquals(List.of("DescribeEventBus", "DescribeRule", "ListTagsForResource", "ListTargetsByRule"),
                    proxy.operations());
            assertEquals(List.of("GET /2015-03-31/functions/" + Fixtures.LOG_EVENTS + "/policy"),
                    lambdaServer.requests().subList(lambdaCalls, lambdaServer.requests().size()));
            assertTrue(client.plan(subscription).isEmpty());
        }

        @Test
        void aChangedPatternMakesOnePutRuleAndNothingElse() {
            client.subscribe(Fixtures.documentedSetup());
            proxy.clear();
            Subscription valid = Fixtures.documentedSetup().toBuilder()
                    .pattern(EventPattern.builder().validEnvironments().build()).build();

            SubscribeResult result = client.subscribe(valid);

            assertEquals(List.of("PutRule"), proxy.writes());
            assertEquals(List.of(PlannedChange.Action.UPDATE_RULE),
                    result.changes().stream().map(PlannedChange::action).toList());
            assertTrue(Planner.sameJson(valid.pattern().json(), rule(RULE).eventPattern()));
            assertEquals(1, targets(RULE).size(), "targets survive PutRule");
            assertEquals("Coherence new_environments events to log-events", rule(RULE).description(),
                    "PutRule is sent every field, so nothing is nulled");
        }

        @Test
        void aChangedTargetMakesOnePutTargetsAndThenNothing() {
            client.subscribe(Fixtures.documentedSetup());
            proxy.clear();
            Subscription retried = Fixtures.documentedSetup().toBuilder().clearTargets()
                    .target(SubscriptionTarget.lambda(Fixtures.LOG_EVENTS).withRetryPolicy(3, 600)
                            .withDeadLetterQueue(Fixtures.DLQ)).build();

            assertEquals(List.of("~ update target log-events: retryPolicy, deadLetterQueueArn"),
                    lines(client.subscribe(retried).changes()));
            assertEquals(List.of("PutTargets"), proxy.writes());
            proxy.clear();
            assertFalse(client.subscribe(retried).changed());
            assertEquals(List.of(), proxy.writes(), "the target as the endpoint returns it compares equal");
        }

        @Test
        void addingAndRemovingATargetMakeExactlyTheNeededCalls() {
            client.subscribe(Fixtures.documentedSetup());
            Subscription two = Fixtures.documentedSetup().toBuilder().target(SubscriptionTarget.sqs(Fixtures.QUEUE))
                    .build();
            proxy.clear();
            client.subscribe(two);
            assertEquals(List.of("PutTargets"), proxy.writes());
            assertEquals(2, targets(RULE).size());

            Subscription queueOnly = two.toBuilder().clearTargets().target(SubscriptionTarget.sqs(Fixtures.QUEUE))
                    .build();
            proxy.clear();
            int before = lambdaWrites().size();
            SubscribeResult result = client.subscribe(queueOnly);
            assertEquals(List.of("RemoveTargets"), proxy.writes());
            assertEquals(List.of("DELETE /2015-03-31/functions/" + Fixtures.LOG_EVENTS + "/policy/" + SID),
                    lambdaWrites().subList(before, lambdaWrites().size()), "the function's permission goes too");
            assertEquals(List.of(PlannedChange.Action.REMOVE_TARGET, PlannedChange.Action.REMOVE_LAMBDA_PERMISSION),
                    result.changes().stream().map(PlannedChange::action).toList());
            assertEquals(List.of("environments"), targets(RULE).stream().map(Target::id).toList());
        }

        @Test
        void unsubscribeRemovesTargetsThenTheRuleThenThePermissionAndCanRunTwice() {
            client.subscribe(Fixtures.documentedSetup().toBuilder().target(SubscriptionTarget.sqs(Fixtures.QUEUE))
                    .build());
            proxy.clear();

            UnsubscribeResult first = client.unsubscribe(RULE);

            assertEquals(List.of("RemoveTargets", "DeleteRule"), proxy.writes());
            assertEquals(List.of(PlannedChange.Action.REMOVE_TARGET, PlannedChange.Action.REMOVE_TARGET,
                    PlannedChange.Action.DELETE_RULE, PlannedChange.Action.REMOVE_LAMBDA_PERMISSION),
                    first.changes().stream().map(PlannedChange::action).toList());
            assertEquals(List.of(TargetPermission.Type.SQS_QUEUE_POLICY),
                    first.leftToRemove().stream().map(TargetPermission::type).toList());
            assertTrue(lambdaServer.policy(Fixtures.LOG_EVENTS).isEmpty());
            assertEquals(List.of(), ruleNames());

            proxy.clear();
            UnsubscribeResult second = client.unsubscribe(RULE);
            assertFalse(second.removed());
            assertEquals(List.of(), proxy.writes());
        }

        @Test
        void refusesToDeleteARuleItDidNotCreate() {
            direct.putRule(r -> r.name("console-rule").eventBusName(BUS)
                    .eventPattern(Fixtures.NEW_ENVIRONMENTS_PATTERN));
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> client.unsubscribe("console-rule"));
            assertTrue(e.getMessage().contains("not created by coherence-events"), e.getMessage());
            assertEquals(List.of(), proxy.writes());
            assertEquals(List.of("console-rule"), ruleNames());
        }

        @Test
        void adoptsAConsoleRuleBySubscribingIt() {
            direct.putRule(r -> r.name(RULE).eventBusName(BUS).eventPattern(Fixtures.NEW_ENVIRONMENTS_PATTERN));
            proxy.clear();
            SubscribeResult result = client.subscribe(Fixtures.documentedSetup());
            assertEquals(List.of("PutRule", "TagResource", "PutTargets"), proxy.writes());
            assertEquals(List.of("~ update rule " + RULE + ": description",
                    "~ tag rule " + RULE + ": managed-by=coherence-events (adopt the existing rule)"),
                    lines(result.changes()).subList(0, 2));
            assertEquals("coherence-events", ownerTag(RULE_ARN));
        }

        @Test
        void listsEveryRuleOfTheBusPageByPageAndMarksItsOwn() {
            client.subscribe(Fixtures.documentedSetup().toBuilder().target(SubscriptionTarget.sqs(Fixtures.QUEUE))
                    .target(SubscriptionTarget.sns(Fixtures.TOPIC).withId("topic")).build());
            for (int i = 0; i < 6; i++) {
                String name = "other-" + i;
                direct.putRule(r -> r.name(name).eventBusName(BUS).eventPattern("{\"source\":[\"x\"]}"));
            }
            CoherenceEventsClient smallPages = CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS)
                    .pageSize(2).build();
            proxy.clear();

            List<ExistingSubscription> subscriptions = smallPages.subscriptions();

            assertEquals(7, subscriptions.size());
            assertEquals(4, proxy.operations().stream().filter("ListRules"::equals).count(), "pages of 2");
            ExistingSubscription ours = subscriptions.stream().filter(s -> s.name().equals(RULE)).findFirst()
                    .orElseThrow();
            assertTrue(ours.managedByCoherenceEvents());
            assertTrue(ours.enabled());
            assertEquals(List.of(SubscriptionTarget.lambda(Fixtures.LOG_EVENTS), SubscriptionTarget.sqs(Fixtures.QUEUE),
                    SubscriptionTarget.sns(Fixtures.TOPIC).withId("topic")), ours.targets(), "three targets, pages of 2");
            assertEquals(1, subscriptions.stream().filter(ExistingSubscription::managedByCoherenceEvents).count());
            assertEquals(List.of(), proxy.writes());
        }

        @Test
        void checksTheBusRegionBeforeAnyWrite() {
            Subscription elsewhere = Fixtures.documentedSetup().toBuilder().clearTargets().target(SubscriptionTarget
                    .lambda(Fixtures.LOG_EVENTS).withDeadLetterQueue("arn:aws:sqs:eu-west-1:123456789012:dlq")).build();
            CoherenceClientException e = assertThrows(CoherenceClientException.class, () -> client.subscribe(elsewhere));
            assertEquals("targets[0].deadLetterQueueArn", e.problems().get(0).field());
            assertEquals(List.of(), proxy.writes());
            assertEquals(List.of(), lambdaWrites());
        }

        // Faults, injected by the proxy as AWS produces them.

        @Test
        void subscribeConvergesThroughThrottlingAndPartialPutTargetsFailures() {
            proxy.throttleNext("PutRule")
                    .failEntriesNext("PutTargets", "ThrottlingException", 1)
                    .failEntriesNext("PutTargets", "InternalFailure", 0);
            Subscription two = Fixtures.documentedSetup().toBuilder().target(SubscriptionTarget.sqs(Fixtures.QUEUE))
                    .build();

            SubscribeResult result = client.subscribe(two);

            assertEquals(List.of("PutRule", "PutRule", "PutTargets", "PutTargets", "PutTargets"), proxy.writes());
            assertEquals(3, slept.size(), "one back-off per retry");
            assertEquals(List.of("log-events", "environments"), targets(RULE).stream().map(Target::id).toList());
            assertTrue(result.changed());
            proxy.clear();
            assertFalse(client.subscribe(two).changed(), "converged: nothing left to do");
        }

        @Test
        void aTargetEventBridgeRejectsIsReportedAndTheNextSubscribeFinishesTheJob() {
            proxy.failEntriesNext("PutTargets", "ValidationException", 0);
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> client.subscribe(Fixtures.documentedSetup()));
            assertTrue(e.getMessage().contains("log-events: ValidationException"), e.getMessage());
            assertEquals("ValidationException", e.awsErrorCode().orElseThrow());
            assertEquals(List.of("PutRule", "PutTargets"), proxy.writes(), "not retried");

            proxy.clear();
            SubscribeResult result = client.subscribe(Fixtures.documentedSetup());
            assertEquals(List.of("+ add target log-events: " + Fixtures.LOG_EVENTS), lines(result.changes()));
            assertEquals(List.of("PutTargets"), proxy.writes());
        }

        @Test
        void publishLosesNothingThroughThrottlingAndPartialFailures() throws Exception {
            client.subscribe(Subscription.builder().name("everything").pattern("{\"source\":[\"test\"]}")
                    .target(SubscriptionTarget.sqs(Fixtures.QUEUE)).build());
            List<PublishEntry> entries = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                entries.add(PublishEntry.of("test", "numbered", "{\"n\":" + i + "}"));
            }
            proxy.clear();
            proxy.throttleNext("PutEvents")                                      // entries 0-9: all throttled
                    .failEntriesNext("PutEvents", "ThrottlingException", 1, 4)   // 10-19: 11 and 14 resent
                    .failEntriesNext("PutEvents", "InternalFailure", 0)          // 20-24: 20 resent
                    .failEntriesNext("PutEvents", "AccessDeniedException", 2);   // resent 0-9: 2 fails for good

            PublishResult result = client.publish(entries);

            assertEquals(25, result.outcomes().size());
            for (int i = 0; i < 25; i++) {
                assertEquals(i, result.outcomes().get(i).index());
            }
            assertEquals(24, result.accepted().size(), result::toString);
            PublishOutcome.Failed denied = result.failed().get(0);
            assertEquals(2, denied.index());
            assertEquals("AccessDeniedException", denied.errorCode());
            assertEquals(2, denied.attempts());
            assertFalse(denied.retryable());
            assertEquals(List.of("DescribeEventBus", "PutEvents", "PutEvents", "PutEvents", "PutEvents", "PutEvents"),
                    proxy.operations(), "3 requests, then 2 for the 13 resent entries");
            assertEquals(1, slept.size(), "one back-off between the two rounds");
            // Every accepted event reached the target exactly once; the failed one never did.
            List<Integer> delivered = new ArrayList<>();
            for (String payload : backend.deliveredTo(Fixtures.QUEUE)) {
                delivered.add(Validation.JSON.readTree(payload).path("detail").path("n").asInt());
            }
            delivered.sort(null);
            assertEquals(result.accepted().stream().map(PublishOutcome::index).sorted().toList(), delivered);
            assertEquals(24, result.accepted().stream().map(PublishOutcome.Accepted::eventId).distinct().count());
        }

        @Test
        void reportsEntriesStillFailingWhenTheAttemptsRunOut() {
            CoherenceEventsClient twoAttempts = CoherenceEventsClient.builder().eventBridge(eventBridge).bus(BUS)
                    .maxAttempts(2).sleeper(slept::add).build();
            proxy.failEntriesNext("PutEvents", "ThrottlingException", 0)
                    .failEntriesNext("PutEvents", "ThrottlingException", 0);
            PublishResult result = twoAttempts.publish(List.of(PublishEntry.of("test", "t", "{}"),
                    PublishEntry.of("test", "t", "{}")));
            PublishOutcome.Failed failed = result.failed().get(0);
            assertEquals(0, failed.index());
            assertEquals("ThrottlingException", failed.errorCode());
            assertEquals(2, failed.attempts());
            assertTrue(failed.retryable());
            assertEquals(1, result.accepted().size());
        }

        @Test
        void detectsAMissingBusInsteadOfLettingEventsDisappear() {
            CoherenceEventsClient wrongBus = CoherenceEventsClient.builder().eventBridge(eventBridge)
                    .bus("missing-coherence-events").build();
            CoherenceClientException e = assertThrows(CoherenceClientException.class,
                    () -> wrongBus.publish(List.of(PublishEntry.of("test", "t", "{}"))));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            assertEquals("ResourceNotFoundException", e.awsErrorCode().orElseThrow());
            assertEquals(List.of("DescribeEventBus"), proxy.operations(), "no PutEvents was sent");
        }

        // What the client calls, and what it says about it.

        @Test
        void theReadmePolicyCoversEveryCallAndTheLogsSayOneLinePerChangeWithoutPayloads() throws Exception {
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.err;
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            List<PlannedChange> changes = new ArrayList<>();
            try {
                changes.addAll(client.subscribe(Fixtures.documentedSetup()).changes());
                changes.addAll(client.subscribe(Fixtures.documentedSetup().toBuilder().description("changed")
                        .clearTargets().target(SubscriptionTarget.sqs(Fixtures.QUEUE)).build()).changes());
                client.subscriptions();
                client.publish(PublishEntryTest.documented("new-environments.json"));
                changes.addAll(client.unsubscribe(RULE).changes());
            } finally {
                System.setErr(original);
            }
            String text = log.toString(StandardCharsets.UTF_8);
            List<String> info = text.lines().filter(l -> l.contains(" INFO " + CoherenceEventsClient.class.getName()))
                    .toList();
            assertEquals(changes.size(), info.size(), text);
            for (int i = 0; i < changes.size(); i++) {
                assertTrue(info.get(i).contains(changes.get(i).subject()), info.get(i));
            }
            assertFalse(text.contains("another-test-env"), "no event payload in the logs");
            assertFalse(text.contains("secret"), "no credentials in the logs");

            java.util.Set<String> used = new java.util.TreeSet<>();
            proxy.operations().forEach(op -> used.add("events:" + op));
            used.add("iam:PassRole"); // no target here has a role; PutTargets needs it for those that do
            lambdaServer.requests().forEach(r -> used.add(r.startsWith("GET") ? "lambda:GetPolicy"
                    : r.startsWith("POST") ? "lambda:AddPermission" : "lambda:RemovePermission"));
            java.util.Set<String> policy = ReadmeTest.policyActions();
            java.util.Set<String> unused = new java.util.TreeSet<>(policy);
            unused.removeAll(used);
            assertTrue(policy.containsAll(used), () -> "missing from the README policy: " + used);
            assertEquals(java.util.Set.of("events:TagResource"), unused,
                    "every action but TagResource was called here; PutRule's Tags need TagResource");
        }
    }

    /** The scenarios against moto_server, an independent emulator of EventBridge (skipped where it is absent). */
    @Nested
    class OnMoto extends Scenarios {
        @Override
        Backend backend() throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(MotoBackend.available(), "moto_server is not installed");
            return MotoBackend.shared();
        }
    }
}
