package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Delivery as the service does it: retries on the clock, dead-letter queues, drops, chaos, async delivery. */
class DispatcherTest {

    static final String BUS = "bus";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:provision";
    static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:provision-dlq";
    static final Instant T0 = InMemoryEventBridge.DEFAULT_START_TIME;

    static InMemoryEventBridge bridge(Target target) {
        return route(InMemoryEventBridge.create(), target);
    }

    static InMemoryEventBridge asyncBridge(ExecutorService executor, Target target) {
        return route(InMemoryEventBridge.builder().executor(executor).build(), target);
    }

    static InMemoryEventBridge route(InMemoryEventBridge bridge, Target target) {
        bridge.createEventBus(BUS);
        bridge.putRule(RuleDefinition.of("rule", BUS, "{\"source\": [\"Coherence\"]}"));
        bridge.putTargets(BUS, "rule", List.of(target));
        return bridge;
    }

    static String put(InMemoryEventBridge bridge) {
        return bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments()).eventIds().get(0);
    }

    @Test
    void retriesAFailingTargetOnTheClockThenSendsItToItsDeadLetterQueue() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION)
                .retryPolicy(RetryPolicy.of(2, 3600)).deadLetterArn(DLQ).build());
        List<Instant> calls = new ArrayList<>();
        bridge.onEvent(FUNCTION, event -> {
            calls.add(bridge.clock().instant());
            throw new IllegalStateException("database unavailable");
        });

        String id = put(bridge);
        assertEquals(List.of(T0), calls);
        assertEquals(1, bridge.pendingDeliveries());
        assertTrue(bridge.deliveryLog().deadLetters().isEmpty());

        assertEquals(Duration.ofSeconds(3), bridge.advanceUntilIdle());
        assertEquals(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(3)), calls);
        List<DeadLetter> dead = bridge.deliveryLog().deadLettersIn(DLQ);
        assertEquals(1, dead.size());
        DeadLetter letter = dead.get(0);
        assertEquals(id, letter.eventId());
        assertFalse(letter.dropped());
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("RULE_ARN", "arn:aws:events:us-east-1:123456789012:rule/bus/rule");
        expected.put("TARGET_ARN", FUNCTION);
        expected.put("ERROR_CODE", "ERROR_FROM_TARGET");
        expected.put("ERROR_MESSAGE", "database unavailable");
        expected.put("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
        expected.put("RETRY_ATTEMPTS", "2");
        assertEquals(expected, letter.attributes());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(letter.attributes().keySet()));
        assertEquals(id, Json.parseOrNull(letter.body()).get("id").textValue());
        assertEquals(List.of(1, 2, 3), bridge.deliveryLog().failedAttempts().stream()
                .map(DeliveryAttempt::attempt).toList());
        assertEquals(0, bridge.deliveryLog().countTo(FUNCTION));
        assertEquals(0, bridge.pendingDeliveries());
    }

    @Test
    void stopsRetryingWhenTheNextRetryWouldExceedTheMaximumEventAge() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION)
                .retryPolicy(RetryPolicy.of(185, 60)).build());
        AtomicInteger calls = new AtomicInteger();
        bridge.onJson(FUNCTION, json -> {
            calls.incrementAndGet();
            throw new RuntimeException("down");
        });

        put(bridge);
        bridge.advanceUntilIdle();

        // Attempts at 0, 1, 3, 7, 15 and 31 s; the next would be at 63 s, past the 60-second age.
        assertEquals(6, calls.get());
        assertEquals(T0.plusSeconds(31), bridge.clock().instant());
        DeadLetter dropped = bridge.deliveryLog().dropped().get(0);
        assertTrue(dropped.dropped());
        assertEquals("MaximumEventAgeInSeconds", dropped.attributes().get("EXHAUSTED_RETRY_CONDITION"));
        assertEquals("5", dropped.attributes().get("RETRY_ATTEMPTS"));
    }

    @Test
    void aTargetThatRecoversIsDeliveredOnceAfterItsFailedAttempts() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION).deadLetterArn(DLQ).build());
        AtomicInteger calls = new AtomicInteger();
        List<CoherenceEvent> handled = new ArrayList<>();
        bridge.onEvent(FUNCTION, event -> {
            if (calls.incrementAndGet() < 3) {
                throw DeliveryFailure.retryable(DeliveryFailure.THROTTLING, "slow down");
            }
            handled.add(event);
        });

        put(bridge);
        bridge.advanceClock(Duration.ofSeconds(2));
        assertEquals(2, calls.get());
        bridge.advanceClock(Duration.ofSeconds(1));

        assertEquals(3, calls.get());
        assertEquals(1, handled.size());
        assertEquals(1, bridge.deliveryLog().countTo(FUNCTION));
        assertEquals(3, bridge.deliveryLog().deliveriesTo(FUNCTION).get(0).attempt());
        assertEquals(List.of("THROTTLING", "THROTTLING"), bridge.deliveryLog().failedAttempts().stream()
                .map(a -> a.errorCode().orElseThrow()).toList());
        assertTrue(bridge.deliveryLog().deadLetters().isEmpty());
        assertEquals(T0.plusSeconds(3), bridge.clock().instant());
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueueWithoutRetry() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION).deadLetterArn(DLQ).build());
        bridge.onJson(FUNCTION, json -> {
            throw DeliveryFailure.permanent(DeliveryFailure.NO_PERMISSIONS, "no resource policy");
        });

        put(bridge);

        assertEquals(0, bridge.pendingDeliveries());
        DeadLetter letter = bridge.deliveryLog().deadLettersIn(DLQ).get(0);
        assertEquals("NO_PERMISSIONS", letter.errorCode());
        assertEquals("0", letter.attributes().get("RETRY_ATTEMPTS"));
        assertFalse(letter.attributes().containsKey("EXHAUSTED_RETRY_CONDITION"));
    }

    @Test
    void withoutADeadLetterQueueAnExhaustedEventIsDroppedAndRecorded() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION)
                .retryPolicy(RetryPolicy.of(0, 60)).build());
        bridge.onJson(FUNCTION, json -> {
            throw new RuntimeException("boom");
        });

        String id = put(bridge);

        List<DeadLetter> dropped = bridge.deliveryLog().dropped();
        assertEquals(1, dropped.size());
        assertEquals(id, dropped.get(0).eventId());
        assertEquals("MaximumRetryAttempts", dropped.get(0).attributes().get("EXHAUSTED_RETRY_CONDITION"));
    }

    @Test
    void aHandlerErrorSuchAsAFailedAssertionReachesTheTestInsteadOfBeingRetried() {
        InMemoryEventBridge bridge = bridge(Target.of("provision", FUNCTION));
        bridge.onJson(FUNCTION, json -> {
            throw new AssertionError("expected something else");
        });

        AssertionError error = assertThrows(AssertionError.class, () -> put(bridge));

        assertEquals("expected something else", error.getMessage());
        assertEquals(0, bridge.pendingDeliveries());
    }

    @Test
    void aPayloadThatIsNotACoherenceEventFailsATypedHandler() {
        InMemoryEventBridge bridge = bridge(Target.builder("provision", FUNCTION).inputPath("$.detail")
                .retryPolicy(RetryPolicy.of(0, 60)).build());
        bridge.onEvent(FUNCTION, event -> { });

        put(bridge);

        DeliveryAttempt failed = bridge.deliveryLog().failedAttempts().get(0);
        assertTrue(failed.errorMessage().orElseThrow().startsWith("Invalid Coherence event"),
                failed.errorMessage().orElseThrow());
    }

    @Test
    void chaosDuplicatesEveryDeliveryWhenAsked() {
        InMemoryEventBridge bridge = bridge(Target.of("provision", FUNCTION));
        bridge.chaos(Chaos.seeded(1).withDuplicates(1.0));
        List<String> ids = new ArrayList<>();
        bridge.onEvent(FUNCTION, event -> ids.add(event.id()));

        String id = put(bridge);

        assertEquals(List.of(id, id), ids);
        assertEquals(2, bridge.deliveryLog().countTo(FUNCTION));
    }

    @Test
    void chaosDelaysDeliveriesUntilTheClockPassesThemAndSoReordersThem() {
        InMemoryEventBridge bridge = bridge(Target.of("provision", FUNCTION));
        bridge.chaos(Chaos.seeded(3).withDelaysUpTo(Duration.ofSeconds(30)));
        List<String> order = new ArrayList<>();
        bridge.onEvent(FUNCTION, event -> order.add(event.id()));
        List<String> put = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            put.add(put(bridge));
        }
        assertEquals(20, bridge.pendingDeliveries() + order.size());
        assertTrue(bridge.pendingDeliveries() > 15, "most deliveries wait for the clock");

        bridge.advanceClock(Duration.ofSeconds(30));

        assertEquals(0, bridge.pendingDeliveries());
        assertEquals(new java.util.HashSet<>(put), new java.util.HashSet<>(order));
        assertNotEquals(put, order);
        List<DeliveryAttempt> attempts = bridge.deliveryLog().deliveries();
        for (int i = 1; i < attempts.size(); i++) {
            assertFalse(attempts.get(i).time().isBefore(attempts.get(i - 1).time()), "delivered in time order");
        }
        assertFalse(attempts.get(attempts.size() - 1).time().isAfter(T0.plusSeconds(30)));
    }

    @Test
    void chaosIsReplayableFromItsSeed() {
        assertEquals(shuffledOrder(11), shuffledOrder(11));
        assertNotEquals(shuffledOrder(11), shuffledOrder(12));
    }

    private static List<Integer> shuffledOrder(long seed) {
        InMemoryEventBridge bridge = bridge(Target.of("provision", FUNCTION));
        bridge.chaos(Chaos.seeded(seed).withShuffledDeliveries().withDuplicates(0.3));
        CoherenceFixtures fixtures = CoherenceFixtures.seeded(1);
        Map<String, Integer> index = new HashMap<>();
        List<PutEventsEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(PutEventsEntry.of(BUS, fixtures.event().id("e" + i).newEnvironments()));
        }
        List<String> ids = bridge.putEvents(entries).eventIds();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        return bridge.deliveryLog().deliveriesTo(FUNCTION).stream().map(a -> index.get(a.eventId())).toList();
    }

    @Test
    void deliversOnAnExecutorAndWaitsForIt() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            InMemoryEventBridge bridge = asyncBridge(executor, Target.of("provision", FUNCTION));
            AtomicInteger handled = new AtomicInteger();
            java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            bridge.onEvent(FUNCTION, event -> {
                threads.add(Thread.currentThread().getName());
                handled.incrementAndGet();
            });

            for (int i = 0; i < 500; i++) {
                put(bridge);
            }
            assertTrue(bridge.awaitDeliveries(Duration.ofSeconds(30)));

            assertEquals(500, handled.get());
            assertEquals(500, bridge.deliveryLog().countTo(FUNCTION));
            assertFalse(threads.contains(Thread.currentThread().getName()));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void asynchronousRetriesRunWhenTheClockAdvances() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            InMemoryEventBridge bridge = asyncBridge(executor, Target.builder("provision", FUNCTION)
                    .retryPolicy(RetryPolicy.of(3, 3600)).deadLetterArn(DLQ).build());
            AtomicInteger calls = new AtomicInteger();
            bridge.onJson(FUNCTION, json -> {
                calls.incrementAndGet();
                throw new RuntimeException("down");
            });

            put(bridge);
            assertTrue(bridge.awaitDeliveries(Duration.ofSeconds(30)));
            bridge.advanceUntilIdle();

            assertEquals(4, calls.get());
            assertEquals(1, bridge.deliveryLog().deadLettersIn(DLQ).size());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void backOffDoublesFromOneSecondUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), Dispatcher.backoff(1));
        assertEquals(Duration.ofSeconds(2), Dispatcher.backoff(2));
        assertEquals(Duration.ofSeconds(256), Dispatcher.backoff(9));
        assertEquals(Duration.ofSeconds(300), Dispatcher.backoff(10));
        assertEquals(Duration.ofSeconds(300), Dispatcher.backoff(186));
    }

    @Test
    void theDefaultPolicyGivesUpAfter185RetriesWithinADay() {
        InMemoryEventBridge bridge = bridge(Target.of("provision", FUNCTION));
        AtomicInteger calls = new AtomicInteger();
        bridge.onJson(FUNCTION, json -> {
            calls.incrementAndGet();
            throw new RuntimeException("down");
        });

        put(bridge);
        Duration elapsed = bridge.advanceUntilIdle();

        assertEquals(186, calls.get());
        assertTrue(elapsed.compareTo(Duration.ofDays(1)) < 0, elapsed.toString());
        assertEquals("185", bridge.deliveryLog().dropped().get(0).attributes().get("RETRY_ATTEMPTS"));
    }
}
