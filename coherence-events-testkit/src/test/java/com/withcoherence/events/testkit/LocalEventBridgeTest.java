package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

// The SDK's consumer-builder varargs (targets(Consumer<Target.Builder>...)) are not @SafeVarargs.
@SuppressWarnings("unchecked")
class LocalEventBridgeTest {

    static final String BUS = CoherenceFixtures.documentedBus().name();
    static final String LOG_EVENTS = "arn:aws:lambda:us-east-1:1234596789:function:log-events";
    static final String ARCHIVE = "arn:aws:sqs:us-east-1:1234596789:coherence-archive";
    static final String VALID = "arn:aws:sqs:us-east-1:1234596789:valid-environments";

    static Set<String> serverThreads() {
        Set<String> names = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && (thread.getName().startsWith("local-eventbridge-")
                    || thread.getName().startsWith("HTTP-Dispatcher"))) {
                names.add(thread.getName() + "#" + thread.getId());
            }
        }
        return names;
    }

    @Test
    void listensOn127001OnAFreePortAndStopsWithItsThreads() {
        Set<String> before = serverThreads();
        LocalEventBridge endpoint = LocalEventBridge.start();
        URI uri = endpoint.endpoint();
        assertEquals("http", uri.getScheme());
        assertEquals("127.0.0.1", uri.getHost());
        assertTrue(endpoint.port() > 0);
        assertEquals(uri.getPort(), endpoint.port());
        assertTrue(endpoint.isRunning());
        try (EventBridgeClient events = Sdk.withoutRetries(uri)) {
            assertEquals("default", events.describeEventBus(b -> { }).name());
            assertTrue(serverThreads().size() > before.size(), "the endpoint runs threads of its own");

            endpoint.close();
            endpoint.close();

            assertFalse(endpoint.isRunning());
            assertEquals(before, serverThreads(), "no thread is left behind");
            assertThrows(SdkClientException.class, () -> events.describeEventBus(b -> { }));
        }
        assertTrue(endpoint.toString().contains("closed"), endpoint.toString());
    }

    @Test
    void listensOnAChosenPortAndSaysSoWhenThePortIsTaken() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        try (LocalEventBridge endpoint = LocalEventBridge.builder().port(port).start()) {
            assertEquals(URI.create("http://127.0.0.1:" + port), endpoint.endpoint());
            UncheckedIOException taken = assertThrows(UncheckedIOException.class,
                    () -> LocalEventBridge.builder().port(port).start());
            assertTrue(taken.getMessage().contains("cannot listen on 127.0.0.1:" + port), taken.getMessage());
        }
    }

    @Test
    void listensBeyondLoopbackOnlyWhenExplicitlyAllowed() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> LocalEventBridge.builder().bindAddress(any).start());
        assertTrue(refused.getMessage().contains("allowNonLoopbackAddress()"), refused.getMessage());

        try (LocalEventBridge endpoint = LocalEventBridge.builder().bindAddress(any).allowNonLoopbackAddress()
                .start(); EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            assertEquals("127.0.0.1", endpoint.endpoint().getHost(), "the wildcard address is reached locally");
            assertEquals("default", events.describeEventBus(b -> { }).name());
        }
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().port(-1));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().port(65_536));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().workerThreads(0));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().maxRequestBytes(1023));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().requestLogCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.start(null));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBridge.builder().workerThreads(257));
        assertThrows(IllegalArgumentException.class,
                () -> LocalEventBridge.builder().maxRequestBytes(64 * 1024 * 1024 + 1));
    }

    @Test
    void acceptsEverySettingAtTheEdgesOfItsRange() {
        // Each bound is a valid setting: only the values past it are refused (above).
        LocalEventBridge.builder().port(0).port(65_535).workerThreads(1).workerThreads(256).maxRequestBytes(1024)
                .maxRequestBytes(64 * 1024 * 1024).requestLogCapacity(1);
    }

    @Test
    void servesABridgeTheTestBuiltAndLeavesItOpen() {
        InMemoryEventBridge bridge = InMemoryEventBridge.builder().account("1234596789").build();
        bridge.createEventBus(BUS);
        bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\": [\"Coherence\"]}"));
        bridge.putTargets(BUS, "all", List.of(Target.of("log-events", LOG_EVENTS)));
        List<CoherenceEvent> handled = Collections.synchronizedList(new ArrayList<>());
        bridge.onEvent(LOG_EVENTS, handled::add);

        try (LocalEventBridge endpoint = LocalEventBridge.start(bridge);
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            assertSame(bridge, endpoint.bridge());
            events.putEvents(b -> b.entries(AwsJsonProtocolTest.documented(
                    CoherenceFixtures.documentedNewEnvironmentsJson()).toBuilder().eventBusName(BUS).build()));
            assertEquals(1, handled.size(), "the handler ran before PutEvents returned");
        }
        bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
        assertEquals(2, handled.size(), "closing the endpoint left the bridge and its handlers alone");
    }

    /**
     * Coherence's documentation end to end over HTTP: a rule for new_environments with an InputTransformer, a rule
     * for everything, one for valid_environments with an InputPath; both documented events put through the SDK; each
     * target receives exactly what EventBridge delivers.
     */
    @Test
    void deliversTheDocumentedEventsExactlyAsEventBridgeWould() {
        InMemoryEventBridge bridge = InMemoryEventBridge.builder().account("1234596789").region("us-east-1").build();
        try (LocalEventBridge endpoint = LocalEventBridge.start(bridge);
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            events.createEventBus(b -> b.name(BUS));
            events.putRule(b -> b.name("coherence-new-environments").eventBusName(BUS)
                    .eventPattern("{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}"));
            events.putTargets(b -> b.rule("coherence-new-environments").eventBusName(BUS).targets(t -> t
                    .id("log-events").arn(LOG_EVENTS).inputTransformer(i -> i
                            .inputPathsMap(Map.of(
                                    "names", "$.detail.new_environments[*].environment_name",
                                    "app", "$.detail.new_environments[0].application_name",
                                    "when", "$.time"))
                            .inputTemplate("{\"created\": <names>, \"application\": <app>, \"at\": <when>, "
                                    + "\"rule\": <aws.events.rule-name>}"))));
            events.putRule(b -> b.name("archive").eventBusName(BUS).eventPattern("{\"source\": [\"Coherence\"]}"));
            events.putTargets(b -> b.rule("archive").eventBusName(BUS).targets(t -> t.id("archive").arn(ARCHIVE)));
            events.putRule(b -> b.name("valid").eventBusName(BUS)
                    .eventPattern("{\"detail-type\": [\"valid_environments\"]}"));
            events.putTargets(b -> b.rule("valid").eventBusName(BUS).targets(t -> t.id("valid").arn(VALID)
                    .inputPath("$.detail")));

            PutEventsResponse put = events.putEvents(b -> b.entries(
                    AwsJsonProtocolTest.documented(CoherenceFixtures.documentedNewEnvironmentsJson()).toBuilder()
                            .eventBusName(BUS).build(),
                    AwsJsonProtocolTest.documented(CoherenceFixtures.documentedValidEnvironmentsJson()).toBuilder()
                            .eventBusName(BUS).build()));
            assertEquals(0, put.failedEntryCount());

            DeliveryLog log = bridge.deliveryLog();
            assertEquals(List.of(Json.parseOrNull("{\"created\": [\"another-test-env\"], \"application\": "
                    + "\"12309ijsdf-your-app-name\", \"at\": \"2023-05-19T13:56:16Z\", \"rule\": "
                    + "\"coherence-new-environments\"}")), trees(log.payloadsTo(LOG_EVENTS)));

            List<JsonNode> archived = trees(log.payloadsTo(ARCHIVE));
            assertEquals(List.of(
                    documentedWithId(CoherenceFixtures.documentedNewEnvironmentsJson(),
                            put.entries().get(0).eventId()),
                    documentedWithId(CoherenceFixtures.documentedValidEnvironmentsJson(),
                            put.entries().get(1).eventId())), archived, "the whole events, as documented, "
                            + "with the ids PutEvents answered");
            CoherenceEvent parsed = log.eventsTo(ARCHIVE).get(0);
            assertInstanceOf(NewEnvironmentsEvent.class, parsed);

            assertEquals(List.of(Json.parseOrNull(CoherenceFixtures.documentedValidEnvironmentsJson())
                    .get("detail")), trees(log.payloadsTo(VALID)));
            assertEquals(List.of(), endpoint.internalErrors());
        }
    }

    static List<JsonNode> trees(List<String> payloads) {
        return payloads.stream().map(Json::parseOrNull).toList();
    }

    static JsonNode documentedWithId(String json, String id) {
        ObjectNode event = (ObjectNode) Json.parseOrNull(json);
        event.put("id", id);
        return event;
    }

    /** Several SDK clients in parallel, each with its own rule and target: every request and delivery accounted for. */
    @Test
    void answersSeveralSdkClientsInParallelWithoutLosingADelivery() throws Exception {
        int clients = 8;
        int rounds = 20;
        try (LocalEventBridge endpoint = LocalEventBridge.start()) {
            endpoint.bridge().createEventBus(BUS);
            CyclicBarrier start = new CyclicBarrier(clients);
            Map<String, Integer> handled = new ConcurrentHashMap<>();
            List<Callable<Integer>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String name = "client-" + c;
                String arn = "arn:aws:sqs:us-east-1:123456789012:" + name;
                endpoint.bridge().onJson(arn, json -> handled.merge(name, 1, Integer::sum));
                work.add(() -> {
                    try (EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
                        start.await(10, TimeUnit.SECONDS);
                        events.putRule(b -> b.name(name).eventBusName(BUS)
                                .eventPattern("{\"detail-type\": [\"" + name + "\"]}"));
                        events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(t -> t.id("q").arn(arn)));
                        int accepted = 0;
                        for (int r = 0; r < rounds; r++) {
                            PutEventsResponse put = events.putEvents(b -> b.entries(
                                    e -> e.eventBusName(BUS).source("Coherence").detailType(name).detail("{}"),
                                    e -> e.eventBusName(BUS).source("Coherence").detailType("nobody").detail("{}")));
                            accepted += put.entries().size() - put.failedEntryCount();
                            events.listRules(b -> b.eventBusName(BUS).limit(1));
                        }
                        return accepted;
                    }
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                int accepted = 0;
                for (Future<Integer> result : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
                    accepted += result.get();
                }
                assertEquals(clients * rounds * 2, accepted);
            } finally {
                pool.shutdownNow();
            }
            for (int c = 0; c < clients; c++) {
                assertEquals(rounds, handled.get("client-" + c), "deliveries to client-" + c);
            }
            assertEquals(clients * rounds, endpoint.bridge().deliveryLog().deliveries().size());
            RequestLog requests = endpoint.requests();
            assertEquals(clients * rounds, requests.count(EventBridgeOperation.PUT_EVENTS));
            assertEquals(clients * rounds, requests.count(EventBridgeOperation.LIST_RULES));
            assertEquals(clients * 2, requests.writeCount());
            assertTrue(requests.records().stream().allMatch(RecordedRequest::succeeded), requests.toString());
            assertEquals(List.of(), endpoint.internalErrors());
        }
    }

    @Test
    void answersAtMostWorkerThreadsRequestsAtOnce() throws Exception {
        try (LocalEventBridge endpoint = LocalEventBridge.builder().workerThreads(2).start()) {
            endpoint.faults().latency(EventBridgeOperation.LIST_EVENT_BUSES, Duration.ofMillis(100));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> {
                    try (EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
                        return events.listEventBuses(b -> { });
                    }
                });
            }
            long started = System.nanoTime();
            try {
                for (Future<Object> call : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
                    call.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(elapsed.compareTo(Duration.ofMillis(300)) >= 0,
                    "six 100 ms answers on two workers take three rounds, but took " + elapsed);
            assertEquals(6, endpoint.requests().count(EventBridgeOperation.LIST_EVENT_BUSES));
        }
    }

    @Test
    void answersAHandlersErrorWith500AndKeepsServing() {
        try (LocalEventBridge endpoint = LocalEventBridge.start();
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            InMemoryEventBridge bridge = endpoint.bridge();
            bridge.putRule(RuleDefinition.of("all", null, "{\"source\": [\"Coherence\"]}"));
            bridge.putTargets(null, "all", List.of(Target.of("asserting", LOG_EVENTS)));
            bridge.onJson(LOG_EVENTS, json -> {
                throw new AssertionError("the handler's assertion failed");
            });

            InternalException e = assertThrows(InternalException.class,
                    () -> events.putEvents(b -> b.entries(x -> x.source("Coherence").detailType("d").detail("{}"))));

            assertEquals(500, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("java.lang.AssertionError"),
                    e.awsErrorDetails().errorMessage());
            assertEquals(1, endpoint.internalErrors().size());
            assertEquals("the handler's assertion failed", endpoint.internalErrors().get(0).getMessage());
            assertEquals("default", events.describeEventBus(b -> { }).name());
        }
    }

    /** Everything the endpoint logs, at every level, holds neither a payload nor a credential. */
    @Test
    void neverLogsAPayloadOrACredential() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(LocalEventBridge.class.getName());
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(capture);
        try (LocalEventBridge endpoint = LocalEventBridge.start();
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            endpoint.bridge().onJson(LOG_EVENTS, json -> {
                throw new AssertionError("handler failed on " + json);
            });
            events.putRule(b -> b.name("secret-payload-rule").eventPattern("{\"source\": [\"PAYLOAD-MARKER\"]}"));
            events.putTargets(b -> b.rule("secret-payload-rule").targets(t -> t.id("t").arn(LOG_EVENTS)));
            assertThrows(InternalException.class, () -> events.putEvents(b -> b.entries(e -> e.source(
                    "PAYLOAD-MARKER").detailType("d").detail("{\"secret\": \"PAYLOAD-MARKER\"}"))));
            assertThrows(Exception.class, () -> events.describeRule(b -> b.name("PAYLOAD-MARKER-missing")));
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(level);
        }
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("FINE PutRule 200")), logged.toString());
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARNING")), logged.toString());
        for (String line : logged) {
            assertFalse(line.contains("PAYLOAD-MARKER"), line);
            assertFalse(line.contains("AKIDTESTKIT"), line);
            assertFalse(line.contains("not-a-secret"), line);
        }
    }

    @Test
    void printsEachDeliveryAsAJsonLineThroughADeliveryLogSubscription() {
        try (LocalEventBridge endpoint = LocalEventBridge.start();
                EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            DeliveryLog.Subscription printing = endpoint.bridge().deliveryLog()
                    .subscribe(attempt -> lines.add(attempt.toJson()));
            events.putRule(b -> b.name("all").eventPattern("{\"source\": [\"Coherence\"]}"));
            events.putTargets(b -> b.rule("all").targets(t -> t.id("queue").arn(ARCHIVE).inputPath("$.detail")));
            events.putEvents(b -> b.entries(e -> e.source("Coherence").detailType("d").detail("{\"n\": 1}")));
            printing.close();
            events.putEvents(b -> b.entries(e -> e.source("Coherence").detailType("d").detail("{\"n\": 2}")));

            assertEquals(1, lines.size(), "one line per delivery until the subscription was closed");
            assertEquals(2, endpoint.bridge().deliveryLog().deliveries().size());
            assertFalse(lines.get(0).contains("\n"));
            JsonNode line = Json.parseOrNull(lines.get(0));
            assertEquals("default", line.get("bus").textValue());
            assertEquals("all", line.get("rule").textValue());
            assertEquals("queue", line.get("target").textValue());
            assertEquals(ARCHIVE, line.get("targetArn").textValue());
            assertEquals(Json.parseOrNull("{\"n\": 1}"), line.get("input"));
        }
    }
}
