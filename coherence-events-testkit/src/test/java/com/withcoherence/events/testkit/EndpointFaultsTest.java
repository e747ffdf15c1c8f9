package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.ThrottlingException;

/** What code under test sees through the real SDK when the endpoint injects the failures AWS can produce. */
// The SDK's consumer-builder varargs (targets(Consumer<Target.Builder>...)) are not @SafeVarargs.
@SuppressWarnings("unchecked")
class EndpointFaultsTest {

    static final String BUS = "bus";
    static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";

    LocalEventBridge endpoint;
    EventBridgeClient retrying;
    EventBridgeClient once;

    @BeforeEach
    void start() {
        endpoint = LocalEventBridge.start();
        endpoint.bridge().createEventBus(BUS);
        endpoint.bridge().putRule(RuleDefinition.of("rule", BUS, "{\"source\": [\"Coherence\"]}"));
        endpoint.bridge().putTargets(BUS, "rule", List.of(Target.of("queue", QUEUE)));
        retrying = Sdk.client(endpoint.endpoint());
        once = Sdk.withoutRetries(endpoint.endpoint());
    }

    @AfterEach
    void stop() {
        retrying.close();
        once.close();
        endpoint.close();
    }

    static PutEventsRequestEntry entry(String detailType) {
        return PutEventsRequestEntry.builder().eventBusName(BUS).source("Coherence").detailType(detailType)
                .detail("{}").build();
    }

    List<Integer> statuses(EventBridgeOperation operation) {
        return endpoint.requests().records(operation).stream().map(RecordedRequest::statusCode).toList();
    }

    @Test
    void throttledCallsAreRetriedByTheSdkAndEachAttemptIsCounted() {
        endpoint.faults().throttle(EventBridgeOperation.PUT_RULE, 2);

        String arn = retrying.putRule(b -> b.name("r").eventBusName(BUS).eventPattern("{\"source\": [\"x\"]}"))
                .ruleArn();

        assertEquals("arn:aws:events:us-east-1:123456789012:rule/bus/r", arn);
        assertEquals(List.of(400, 400, 200), statuses(EventBridgeOperation.PUT_RULE));
        assertEquals("ThrottlingException",
                endpoint.requests().records(EventBridgeOperation.PUT_RULE).get(0).errorCode().orElseThrow());
        assertEquals(3, endpoint.requests().count(EventBridgeOperation.PUT_RULE));
        assertEquals(0, endpoint.faults().pendingFailures(EventBridgeOperation.PUT_RULE));
    }

    @Test
    void throttlingBeyondTheSdksAttemptsSurfacesTheTypedThrottlingException() {
        endpoint.faults().throttle(EventBridgeOperation.PUT_RULE, 3);

        ThrottlingException e = assertThrows(ThrottlingException.class,
                () -> retrying.putRule(b -> b.name("r").eventBusName(BUS).eventPattern("{\"source\": [\"x\"]}")));

        assertEquals(400, e.statusCode());
        assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
        assertEquals(3, e.numAttempts());
        assertEquals(1, endpoint.bridge().listRules(BUS).size(), "only the rule put in the set-up exists");
    }

    @Test
    void anInternalExceptionIsHttp500AndRetriedByTheSdk() {
        endpoint.faults().failNext(EventBridgeOperation.LIST_RULES, 1, EndpointFaults.INTERNAL);
        InternalException e = assertThrows(InternalException.class, () -> once.listRules(b -> b.eventBusName(BUS)));
        assertEquals(500, e.statusCode());

        endpoint.faults().failNext(EventBridgeOperation.LIST_RULES, 1, EndpointFaults.INTERNAL);
        assertEquals(1, retrying.listRules(b -> b.eventBusName(BUS)).rules().size());
        assertEquals(List.of(500, 500, 200), statuses(EventBridgeOperation.LIST_RULES));
    }

    @Test
    void failsWithAnyErrorCodeAndTheStatusAwsUsesForIt() {
        endpoint.faults().failNext(EventBridgeOperation.PUT_TARGETS, 1, "ConcurrentModificationException")
                .failNext(EventBridgeOperation.DESCRIBE_EVENT_BUS, 1, "ServiceUnavailable");
        EventBridgeException concurrent = assertThrows(EventBridgeException.class,
                () -> once.putTargets(b -> b.rule("rule").eventBusName(BUS).targets(t -> t.id("x").arn(QUEUE))));
        assertEquals("ConcurrentModificationException", concurrent.awsErrorDetails().errorCode());
        assertEquals(400, concurrent.statusCode());
        EventBridgeException unavailable = assertThrows(EventBridgeException.class,
                () -> once.describeEventBus(b -> b.name(BUS)));
        assertEquals(503, unavailable.statusCode());
    }

    @Test
    void failsChosenPutEventsEntriesOnceWhichTheSdkDoesNotRetry() {
        endpoint.faults().failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(1)
                .withErrorCode(EntryFailure.THROTTLING).times(1));

        PutEventsResponse first = retrying.putEvents(b -> b.entries(entry("a"), entry("b"), entry("c")));

        assertEquals(1, first.failedEntryCount());
        PutEventsResultEntry failed = first.entries().get(1);
        assertEquals("ThrottlingException", failed.errorCode());
        assertEquals(null, failed.eventId());
        assertEquals(36, first.entries().get(0).eventId().length());
        assertEquals(36, first.entries().get(2).eventId().length());
        assertEquals(1, endpoint.requests().count(EventBridgeOperation.PUT_EVENTS), "the SDK did not retry");
        assertEquals(1, endpoint.requests().records(EventBridgeOperation.PUT_EVENTS).get(0).failedEntryCount());
        assertEquals(List.of("a", "c"), deliveredDetailTypes(), "the failed entry was not delivered");

        PutEventsResponse resent = retrying.putEvents(b -> b.entries(entry("b")));
        assertEquals(0, resent.failedEntryCount(), "the failure applied to one call");
        assertEquals(List.of("a", "c", "b"), deliveredDetailTypes());
    }

    @Test
    void countsOnlyCallsThatPassValidationAgainstAFailureLimitedToOneCall() {
        endpoint.faults().failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(0).times(1));
        endpoint.faults().failRemoveTargetsEntries(EntryFailure.<String>atIndexes(0).times(1));
        PutEventsRequestEntry[] eleven = new PutEventsRequestEntry[11];
        java.util.Arrays.fill(eleven, entry("a"));

        EventBridgeException tooMany = assertThrows(EventBridgeException.class, () -> once.putEvents(b -> b
                .entries(eleven)));
        assertEquals("ValidationException", tooMany.awsErrorDetails().errorCode());
        assertThrows(EventBridgeException.class, () -> once.removeTargets(b -> b.rule("rule")
                .eventBusName(BUS).ids("not a valid id!")));

        assertEquals("InternalFailure", once.putEvents(b -> b.entries(entry("a"))).entries().get(0).errorCode(),
                "the refused request did not use up the failure");
        assertEquals(0, once.putEvents(b -> b.entries(entry("a"))).failedEntryCount(), "the next call is its second");
        assertEquals(1, once.removeTargets(b -> b.rule("rule").eventBusName(BUS).ids("queue")).failedEntryCount());
        assertEquals(0, once.removeTargets(b -> b.rule("rule").eventBusName(BUS).ids("queue")).failedEntryCount());
    }

    @Test
    void runsAPredicateOutsideTheBridgesLockSoItMayWaitOnAnotherThreadUsingTheBridge() throws Exception {
        java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            endpoint.faults().failRemoveTargetsEntries(EntryFailure.<String>matching(id -> {
                try {
                    return side.submit(() -> endpoint.bridge().listTargetsByRule(BUS, "rule").size())
                            .get(5, java.util.concurrent.TimeUnit.SECONDS) > 100;
                } catch (Exception e) {
                    throw new IllegalStateException("the predicate could not use the bridge", e);
                }
            }));

            RemoveTargetsResponse removed = once.removeTargets(b -> b.rule("rule").eventBusName(BUS).ids("queue"));

            assertEquals(0, removed.failedEntryCount());
            assertTrue(endpoint.bridge().listTargetsByRule(BUS, "rule").isEmpty());
        } finally {
            side.shutdownNow();
        }
    }

    @Test
    void failsThePutEventsEntriesAPredicateChoosesWithInternalFailure() {
        endpoint.faults().failPutEventsEntries(EntryFailure.matching(e -> e.detailType().orElse("").equals("b")));
        for (int call = 0; call < 2; call++) {
            PutEventsResponse response = once.putEvents(b -> b.entries(entry("a"), entry("b")));
            assertEquals(1, response.failedEntryCount());
            assertEquals("InternalFailure", response.entries().get(1).errorCode());
            assertEquals("The request processing has failed because of an unknown error, exception or failure.",
                    response.entries().get(1).errorMessage());
        }
        endpoint.faults().clear();
        assertEquals(0, once.putEvents(b -> b.entries(entry("b"))).failedEntryCount());
    }

    @Test
    void failsEntriesWithAProbabilityThatReplaysFromItsSeed() {
        List<Integer> first = failedPositions(0.3, 7);
        List<Integer> again = failedPositions(0.3, 7);
        List<Integer> otherSeed = failedPositions(0.3, 8);
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertTrue(first.size() > 5 && first.size() < 45, "about 30 % of 100 entries failed: " + first.size());
    }

    List<Integer> failedPositions(double probability, long seed) {
        endpoint.faults().failPutEventsEntries(EntryFailure.withProbability(probability, seed));
        List<Integer> failed = new ArrayList<>();
        for (int call = 0; call < 10; call++) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(entry("e"));
            }
            PutEventsResponse response = once.putEvents(b -> b.entries(entries));
            for (int i = 0; i < 10; i++) {
                if (response.entries().get(i).errorCode() != null) {
                    failed.add(call * 10 + i);
                }
            }
        }
        return failed;
    }

    /** The throttled positions among {@code calls} ListRules calls made one after the other. */
    List<Integer> throttledCalls(int calls) {
        List<Integer> throttled = new ArrayList<>();
        for (int call = 0; call < calls; call++) {
            try {
                once.listRules(b -> b.eventBusName(BUS));
            } catch (ThrottlingException e) {
                assertEquals(400, e.statusCode());
                assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
                throttled.add(call);
            }
        }
        return throttled;
    }

    @Test
    void throttlesAShareOfCallsDrawnFromASeedThatReplays() {
        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0.3, 7);
        List<Integer> first = throttledCalls(100);
        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0.3, 7);
        List<Integer> again = throttledCalls(100);
        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0.3, 8);
        List<Integer> otherSeed = throttledCalls(100);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertTrue(first.size() > 10 && first.size() < 50, "about 30 % of 100 calls throttled: " + first.size());
        assertEquals(0, endpoint.faults().pendingFailures(EventBridgeOperation.LIST_RULES), "counted faults only");
        assertEquals(BUS, once.describeEventBus(b -> b.name(BUS)).name(), "other operations are not throttled");

        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0, 7);
        assertEquals(List.of(), throttledCalls(20), "a probability of 0 removes it");
    }

    @Test
    void countedFaultsAnswerFirstAndDrawNothingFromTheSequence() {
        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0.5, 11);
        List<Integer> alone = throttledCalls(30);

        endpoint.faults().throttleWithProbability(EventBridgeOperation.LIST_RULES, 0.5, 11)
                .failNext(EventBridgeOperation.LIST_RULES, 2, EndpointFaults.INTERNAL);
        assertThrows(InternalException.class, () -> once.listRules(b -> b.eventBusName(BUS)));
        assertThrows(InternalException.class, () -> once.listRules(b -> b.eventBusName(BUS)));
        assertEquals(alone, throttledCalls(30));
    }

    @Test
    void failsAShareOfCallsWithAnyErrorCodeAndTheSdkRetriesEachAttemptAfresh() {
        endpoint.faults().failWithProbability(EventBridgeOperation.LIST_RULES, 0.5, 3, EndpointFaults.INTERNAL);
        int succeeded = 0;
        for (int call = 0; call < 20; call++) {
            try {
                retrying.listRules(b -> b.eventBusName(BUS));
                succeeded++;
            } catch (InternalException e) {
                assertEquals(3, e.numAttempts());
            }
        }
        List<Integer> statuses = statuses(EventBridgeOperation.LIST_RULES);
        assertEquals(succeeded, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(statuses.size() - succeeded, statuses.stream().filter(status -> status == 500).count(),
                "every other attempt was answered HTTP 500: " + statuses);
        assertTrue(statuses.size() > 25, "about half the attempts failed and were retried: " + statuses);
    }

    @Test
    void composesSeveralEntryFailuresInstalledTogether() {
        endpoint.faults().failPutEventsEntries(
                EntryFailure.<PutEventsEntry>atIndexes(0).withErrorCode(EntryFailure.THROTTLING).times(1),
                EntryFailure.matching(e -> e.detailType().orElse("").equals("c")),
                EntryFailure.<PutEventsEntry>atIndexes(0, 1));

        PutEventsResponse first = once.putEvents(b -> b.entries(entry("a"), entry("b"), entry("c")));
        assertEquals(3, first.failedEntryCount());
        assertEquals(List.of("ThrottlingException", "InternalFailure", "InternalFailure"),
                first.entries().stream().map(PutEventsResultEntry::errorCode).toList(),
                "an entry two failures choose gets the code of the first given");

        PutEventsResponse second = once.putEvents(b -> b.entries(entry("a"), entry("b"), entry("c"), entry("d")));
        assertEquals(java.util.Arrays.asList("InternalFailure", "InternalFailure", "InternalFailure", null),
                second.entries().stream().map(PutEventsResultEntry::errorCode).toList(),
                "the failure limited to one call is gone, the others stay");
        assertEquals(List.of("d"), deliveredDetailTypes());

        endpoint.faults().failPutEventsEntries(EntryFailure.atIndexes(3));
        assertEquals(java.util.Arrays.asList(null, null, null, "InternalFailure"),
                once.putEvents(b -> b.entries(entry("a"), entry("b"), entry("c"), entry("d"))).entries().stream()
                        .map(PutEventsResultEntry::errorCode).toList(), "installing again replaces them");
    }

    @Test
    void failsChosenRemoveTargetsEntriesAndKeepsThoseTargetsAsAwsReportsThem() {
        endpoint.bridge().putTargets(BUS, "rule", List.of(Target.of("second", QUEUE), Target.of("third", QUEUE)));
        endpoint.faults().failRemoveTargetsEntries(EntryFailure.<String>matching("second"::equals)
                .withErrorCode(EntryFailure.CONCURRENT_MODIFICATION).times(1));

        RemoveTargetsResponse removed = once.removeTargets(b -> b.rule("rule").eventBusName(BUS)
                .ids("queue", "second"));

        assertEquals(1, removed.failedEntryCount());
        RemoveTargetsResultEntry failed = removed.failedEntries().get(0);
        assertEquals("second", failed.targetId());
        assertEquals("ConcurrentModificationException", failed.errorCode());
        assertTrue(failed.errorMessage().contains("ConcurrentModificationException"), failed.errorMessage());
        assertEquals(List.of("second", "third"), endpoint.bridge().listTargetsByRule(BUS, "rule").stream()
                .map(Target::id).toList(), "the failed removal left its target");
        assertEquals(1, endpoint.requests().records(EventBridgeOperation.REMOVE_TARGETS).get(0).failedEntryCount());

        assertEquals(0, once.removeTargets(b -> b.rule("rule").eventBusName(BUS).ids("second")).failedEntryCount(),
                "resent, it succeeds");
        assertEquals(List.of("third"), endpoint.bridge().listTargetsByRule(BUS, "rule").stream().map(Target::id)
                .toList());
    }

    @Test
    void failsChosenPutTargetsEntriesAndLeavesThoseTargetsOut() {
        endpoint.faults().failPutTargetsEntries(EntryFailure.<Target>atIndexes(0).times(1));

        PutTargetsResponse response = retrying.putTargets(b -> b.rule("rule").eventBusName(BUS)
                .targets(t -> t.id("first").arn(QUEUE), t -> t.id("second").arn(QUEUE)));

        assertEquals(1, response.failedEntryCount());
        PutTargetsResultEntry failed = response.failedEntries().get(0);
        assertEquals("first", failed.targetId());
        assertEquals("InternalFailure", failed.errorCode());
        assertEquals(List.of("queue", "second"), endpoint.bridge().listTargetsByRule(BUS, "rule").stream()
                .map(Target::id).toList());
        assertEquals(1, endpoint.requests().records(EventBridgeOperation.PUT_TARGETS).get(0).failedEntryCount());
    }

    @Test
    void entryFailuresNeverHideARequestTheServiceRejectsAsAWhole() {
        endpoint.faults().failPutEventsEntries(EntryFailure.atIndexes(0));
        List<PutEventsRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("e"));
        }
        EventBridgeException e = assertThrows(EventBridgeException.class, () -> once.putEvents(b -> b.entries(eleven)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void delaysTheAnswersToAnOperation() {
        endpoint.faults().latency(EventBridgeOperation.LIST_RULES, Duration.ofMillis(120));
        once.listRules(b -> b.eventBusName(BUS));
        once.describeEventBus(b -> b.name(BUS));

        Duration slow = endpoint.requests().records(EventBridgeOperation.LIST_RULES).get(0).duration();
        assertTrue(slow.compareTo(Duration.ofMillis(120)) >= 0, slow.toString());
        endpoint.faults().latency(EventBridgeOperation.LIST_RULES, Duration.ZERO);
        assertTrue(endpoint.faults().toString().contains("latencies={}"), endpoint.faults().toString());
    }

    @Test
    void clearRemovesEveryFault() {
        endpoint.faults().throttle(EventBridgeOperation.LIST_RULES, 5)
                .throttleWithProbability(EventBridgeOperation.LIST_RULES, 1, 0)
                .failPutEventsEntries(EntryFailure.atIndexes(0))
                .failRemoveTargetsEntries(EntryFailure.atIndexes(0))
                .latency(EventBridgeOperation.LIST_RULES, Duration.ofSeconds(30));
        endpoint.faults().clear();
        assertEquals(0, endpoint.faults().pendingFailures(EventBridgeOperation.LIST_RULES));
        assertEquals(1, once.listRules(b -> b.eventBusName(BUS)).rules().size());
        assertEquals(0, once.putEvents(b -> b.entries(entry("a"))).failedEntryCount());
        assertEquals(0, once.removeTargets(b -> b.rule("rule").eventBusName(BUS).ids("queue")).failedEntryCount());
    }

    @Test
    void refusesFaultsThatMakeNoSense() {
        EndpointFaults faults = endpoint.faults();
        assertThrows(IllegalArgumentException.class, () -> faults.throttle(null, 1));
        assertThrows(IllegalArgumentException.class, () -> faults.throttle(EventBridgeOperation.PUT_RULE, 0));
        assertThrows(IllegalArgumentException.class, () -> faults.failNext(EventBridgeOperation.PUT_RULE, 1, ""));
        assertThrows(IllegalArgumentException.class,
                () -> faults.latency(EventBridgeOperation.PUT_RULE, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> faults.latency(EventBridgeOperation.PUT_RULE, Duration.ofMinutes(2)));
        assertThrows(IllegalArgumentException.class, () -> faults.failPutEventsEntries(null));
        assertThrows(IllegalArgumentException.class,
                () -> faults.failPutTargetsEntries(EntryFailure.atIndexes(0), (EntryFailure<Target>) null));
        assertThrows(IllegalArgumentException.class,
                () -> faults.failRemoveTargetsEntries(EntryFailure.atIndexes(0), (EntryFailure<String>[]) null));
        assertThrows(IllegalArgumentException.class, () -> faults.failRemoveTargetsEntries(null));
        assertThrows(IllegalArgumentException.class,
                () -> faults.throttleWithProbability(EventBridgeOperation.PUT_RULE, 1.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> faults.throttleWithProbability(EventBridgeOperation.PUT_RULE, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> faults.throttleWithProbability(null, 0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> faults.failWithProbability(EventBridgeOperation.PUT_RULE, 0.5, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> faults.pendingFailures(null));
    }

    List<String> deliveredDetailTypes() {
        return endpoint.bridge().deliveryLog().deliveriesTo(QUEUE).stream()
                .map(attempt -> Json.parseOrNull(attempt.payload()).get("detail-type").textValue()).toList();
    }
}
