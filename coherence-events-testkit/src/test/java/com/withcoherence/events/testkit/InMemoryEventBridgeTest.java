package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryEventBridgeTest {

    static final String BUS = CoherenceFixtures.documentedBus().name();
    static final String LOG_EVENTS = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
    static final String NEW_ONLY = "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}";

    static InMemoryEventBridge bridgeWithBus() {
        InMemoryEventBridge bridge = InMemoryEventBridge.create();
        bridge.createEventBus(BUS);
        return bridge;
    }

    static EventBridgeServiceException assertServiceError(String code, String message, Runnable call) {
        EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class, call::run);
        assertEquals(code, e.errorCode(), e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    /**
     * Coherence's documentation, as a test: a rule on the app's coherence-events bus whose pattern selects only
     * new_environments, forwarding to the Lambda log-events; both documented events are sent; only the first arrives.
     */
    @Test
    void acceptsEveryBuilderSettingAtTheEdgesOfItsRangeAndRefusesOnePast() {
        InMemoryEventBridge.builder().maxRulesPerBus(1).maxPatternLength(1).maxPatternLength(4096)
                .deliveryLogCapacity(1);
        assertThrows(IllegalArgumentException.class, () -> InMemoryEventBridge.builder().maxRulesPerBus(0));
        assertThrows(IllegalArgumentException.class, () -> InMemoryEventBridge.builder().maxPatternLength(0));
        assertThrows(IllegalArgumentException.class, () -> InMemoryEventBridge.builder().maxPatternLength(4097));
        assertThrows(IllegalArgumentException.class, () -> InMemoryEventBridge.builder().deliveryLogCapacity(0));
    }

    @Test
    void theDocumentedConsoleWalkthroughDeliversOnlyTheNewEnvironmentsEventToLogEvents() {
        InMemoryEventBridge bridge = InMemoryEventBridge.create();
        CoherenceBus bus = CoherenceBus.forApp("12309ijsdf-your-app-name");
        bridge.createEventBus(bus.name());
        String ruleArn = bridge.putRule(RuleDefinition.of("coherence-new-environments", bus.name(), NEW_ONLY));
        bridge.putTargets(bus.name(), "coherence-new-environments", List.of(Target.of("log-events", LOG_EVENTS)));
        List<CoherenceEvent> received = Collections.synchronizedList(new ArrayList<>());
        bridge.onEvent(LOG_EVENTS, received::add);

        PutEventsResult result = bridge.putEvents(List.of(
                PutEventsEntry.builder().eventBusName(bus.name()).source("Coherence").detailType("new_environments")
                        .detail(CoherenceEvents.detailJson(CoherenceFixtures.documentedNewEnvironments())).build(),
                PutEventsEntry.builder().eventBusName(bus.name()).source("Coherence").detailType("valid_environments")
                        .detail(CoherenceEvents.detailJson(CoherenceFixtures.documentedValidEnvironments())).build()));

        assertEquals(0, result.failedEntryCount());
        assertEquals(2, result.eventIds().size());
        assertEquals(1, received.size());
        NewEnvironmentsEvent event = assertInstanceOf(NewEnvironmentsEvent.class, received.get(0));
        assertEquals(CoherenceFixtures.documentedNewEnvironments().environments(), event.environments());
        assertEquals(result.eventIds().get(0), event.id());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/12309ijsdf-your-app-name-coherence-events/"
                + "coherence-new-environments", ruleArn);
        bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);
        assertEquals(ruleArn, bridge.deliveryLog().deliveriesTo(LOG_EVENTS).get(0).ruleArn());
    }

    @Nested
    class Envelope {

        @Test
        void completesTheEnvelopeAsTheServiceDoes() {
            InMemoryEventBridge bridge = InMemoryEventBridge.builder().account("111122223333").region("eu-west-1")
                    .startTime(Instant.parse("2026-01-02T03:04:05.678Z")).build();
            bridge.createEventBus(BUS);
            bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\": [\"Coherence\"]}"));
            bridge.putTargets(BUS, "all", List.of(Target.of("t", LOG_EVENTS)));

            String id = bridge.putEvents(BUS, CoherenceFixtures.documentedValidEnvironments()).eventIds().get(0);
            bridge.putEvents(List.of(PutEventsEntry.builder().eventBusName(BUS).source("Coherence")
                    .detailType("valid_environments").detail("{\"valid_environments\": []}").build()));

            List<String> payloads = bridge.deliveryLog().payloadsTo(LOG_EVENTS);
            JsonNode first = Json.parseOrNull(payloads.get(0));
            assertEquals(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources",
                    "detail"), fieldNames(first));
            assertEquals("0", first.get("version").textValue());
            assertEquals(id, first.get("id").textValue());
            assertEquals("111122223333", first.get("account").textValue());
            assertEquals("eu-west-1", first.get("region").textValue());
            // The entry's Time is kept; the detail is the sender's, unchanged.
            assertEquals("2023-05-19T14:15:27Z", first.get("time").textValue());
            assertEquals(Json.parseOrNull(CoherenceEvents.detailJson(
                    CoherenceFixtures.documentedValidEnvironments())), first.get("detail"));
            // Without Time the service's clock is used, to the second.
            assertEquals("2026-01-02T03:04:05Z", Json.parseOrNull(payloads.get(1)).get("time").textValue());
        }

        @Test
        void givesEveryEventANewUuidAndDeterministicOnesFromASeed() {
            InMemoryEventBridge random = bridgeWithBus();
            InMemoryEventBridge seededA = InMemoryEventBridge.builder().eventIdSeed(5).build();
            InMemoryEventBridge seededB = InMemoryEventBridge.builder().eventIdSeed(5).build();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                ids.addAll(random.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments()).eventIds());
            }
            assertEquals(50, ids.size());
            List<String> a = seededA.putEvents(null, CoherenceFixtures.documentedNewEnvironments()).eventIds();
            List<String> b = seededB.putEvents(null, CoherenceFixtures.documentedNewEnvironments()).eventIds();
            assertEquals(a, b);
            assertTrue(a.get(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    a.get(0));
        }

        private List<String> fieldNames(JsonNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Nested
    class PutEventsRequests {

        @Test
        void answersPerEntryWithInvalidArgumentAndMalformedDetail() {
            InMemoryEventBridge bridge = bridgeWithBus();
            PutEventsResult result = bridge.putEvents(List.of(
                    PutEventsEntry.builder().eventBusName(BUS).detailType("x").detail("{}").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detail("{}").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("[1, 2]").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("\"text\"").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("{\"a\": ").build(),
                    PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                            .detail("{\"a\": 1}").build()));

            assertEquals(6, result.failedEntryCount());
            assertEquals(List.of("InvalidArgument", "InvalidArgument", "InvalidArgument", "MalformedDetail",
                    "MalformedDetail", "MalformedDetail"), result.entries().subList(0, 6).stream()
                    .map(e -> e.errorCode().orElseThrow()).toList());
            assertEquals("Parameter Source is not valid. Reason: Source is a required argument.",
                    result.entries().get(0).errorMessage().orElseThrow());
            assertEquals("Parameter DetailType is not valid. Reason: DetailType is a required argument.",
                    result.entries().get(1).errorMessage().orElseThrow());
            assertEquals("Parameter Detail is not valid. Reason: Detail is a required argument.",
                    result.entries().get(2).errorMessage().orElseThrow());
            assertEquals("Detail is malformed.", result.entries().get(3).errorMessage().orElseThrow());
            assertTrue(result.entries().get(6).succeeded());
        }

        @Test
        void acceptsOneToTenEntriesAndRejectsTheEleventhWithAwsMessage() {
            InMemoryEventBridge bridge = bridgeWithBus();
            List<PutEventsEntry> ten = Collections.nCopies(10,
                    PutEventsEntry.of(BUS, CoherenceFixtures.documentedNewEnvironments()));
            assertEquals(10, bridge.putEvents(ten).eventIds().size());

            List<PutEventsEntry> eleven = new ArrayList<>(ten);
            eleven.add(ten.get(0));
            // AWS's constraint text (facts §2.4); AWS quotes every entry, details included, where we say only what
            // was sent, so that an error never carries the events' payloads.
            assertServiceError("ValidationException", "1 validation error detected: Value '[11 PutEventsRequestEntry "
                    + "items, not shown]' at 'entries' failed to satisfy constraint: Member must have length less than "
                    + "or equal to 10", () -> bridge.putEvents(eleven));
            assertServiceError("ValidationException", "1 validation error detected: Value '[]' at 'entries' failed "
                    + "to satisfy constraint: Member must have length greater than or equal to 1",
                    () -> bridge.putEvents(List.of()));
        }

        @Test
        void neverEchoesThePayloadsOfARejectedRequest() {
            InMemoryEventBridge bridge = bridgeWithBus();
            String marker = "SECRET-PAYLOAD-MARKER";
            String detail = "{\"token\": \"" + marker + "\", \"padding\": \"" + "x".repeat(240_000) + "\"}";
            List<PutEventsEntry> eleven = Collections.nCopies(11, PutEventsEntry.builder().eventBusName(BUS)
                    .source("Coherence").detailType("d").detail(detail).build());
            EventBridgeServiceException tooMany = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putEvents(eleven));
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            String input = "{\"token\": \"" + marker + "\", \"padding\": \"" + "x".repeat(9000) + "\"}";
            EventBridgeServiceException longInput = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putTargets(BUS, "r", List.of(Target.builder("t", LOG_EVENTS).input(input).build())));
            String pattern = "{\"source\": [\"" + marker + "x".repeat(5000) + "\"]}";
            EventBridgeServiceException longPattern = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("p", BUS, pattern)));
            for (EventBridgeServiceException e : List.of(tooMany, longInput, longPattern)) {
                assertEquals("ValidationException", e.errorCode(), e.getMessage());
                assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters");
            }
            assertFalse(tooMany.getMessage().contains(marker), tooMany.getMessage());
            assertEquals("1 validation error detected: Value '(" + input.length() + " characters, not shown)' at "
                    + "'targets.1.member.input' failed to satisfy constraint: Member must have length less than or "
                    + "equal to 8192", longInput.getMessage());
            assertTrue(longPattern.getMessage().contains("... (" + pattern.length() + " characters)' at 'eventPattern'"),
                    longPattern.getMessage());
        }

        @Test
        void rejectsARequestOver256KbAsAwsCountsIt() {
            InMemoryEventBridge bridge = bridgeWithBus();
            String big = "{\"a\": \"" + "x".repeat(262_144 - 9 - "Coherence".length() - "x".length()) + "\"}";
            PutEventsEntry atLimit = PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                    .detail(big).build();
            assertEquals(262_144, "Coherence".length() + 1 + big.length());
            assertEquals(0, bridge.putEvents(List.of(atLimit)).failedEntryCount());

            PutEventsEntry withTime = PutEventsEntry.builder().eventBusName(BUS).source("Coherence").detailType("x")
                    .detail(big).time(Instant.EPOCH).build();
            assertServiceError("ValidationException", "Total size of the entries in the request is over the limit.",
                    () -> bridge.putEvents(List.of(withTime)));
        }

        @Test
        void acceptsAndDropsAnEventForABusThatDoesNotExistAndSaysSo() {
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            PutEventsResult result = bridge.putEvents("no-such-bus", CoherenceFixtures.documentedNewEnvironments());

            assertEquals(0, result.failedEntryCount());
            String id = result.eventIds().get(0);
            List<Diagnostic> diagnostics = bridge.deliveryLog().diagnostics();
            assertEquals(1, diagnostics.size());
            assertEquals(Diagnostic.EVENT_BUS_NOT_FOUND, diagnostics.get(0).code());
            assertEquals(id, diagnostics.get(0).eventId().orElseThrow());
            assertTrue(diagnostics.get(0).message().contains("no-such-bus"));
            assertTrue(bridge.deliveryLog().attempts().isEmpty());
        }

        @Test
        void routesAnEntryNamingItsBusByArn() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));
            String busArn = bridge.describeEventBus(BUS).arn();

            bridge.putEvents(busArn, CoherenceFixtures.documentedNewEnvironments());

            bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);
        }

        @Test
        void deliversNumbersInTheDetailAsPutAndMatchesThemAsEventRulerReadsTheText() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("tenth", BUS, "{\"detail\":{\"m\":[0.1]}}"));
            bridge.putTargets(BUS, "tenth", List.of(Target.of("t", "arn:aws:sqs:us-east-1:123456789012:tenth")));
            bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\":[\"numbers\"]}"));
            bridge.putTargets(BUS, "all", List.of(Target.of("t", LOG_EVENTS)));
            String detail = "{\"m\":0.10000000000000000000000001,\"e\":1e400,\"f\":1.10,"
                    + "\"i\":123456789012345678901234567890,\"n\":-5}";

            bridge.putEvents(List.of(PutEventsEntry.builder().eventBusName(BUS).source("numbers").detailType("n")
                    .detail(detail).build()));

            String delivered = bridge.deliveryLog().payloadsTo(LOG_EVENTS).get(0);
            assertTrue(delivered.endsWith(",\"detail\":{\"m\":0.10000000000000000000000001,\"e\":1E+400,\"f\":1.10,"
                    + "\"i\":123456789012345678901234567890,\"n\":-5}}"), delivered);
            assertTrue(bridge.deliveryLog().payloadsTo("arn:aws:sqs:us-east-1:123456789012:tenth").isEmpty(),
                    "event-ruler reads 0.10000000000000000000000001 from the text, which is not 0.1");
        }

        @Test
        void refusesADetailTooDeepForTheEventAroundItWhateverItsSpacing() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\":[\"deep\"]}"));
            bridge.putTargets(BUS, "all", List.of(Target.of("t", LOG_EVENTS)));
            PutEventsEntry.Builder entry = PutEventsEntry.builder().eventBusName(BUS).source("deep").detailType("d");
            String deepest = "{\"a\":" + "[".repeat(998) + "]".repeat(998) + "}";
            String tooDeep = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";

            PutEventsResult result = bridge.putEvents(List.of(entry.detail(tooDeep).build(),
                    entry.detail(tooDeep.replace(":", ": ")).build(), entry.detail(deepest).build(),
                    entry.detail(deepest.replace(":", ": ")).build()));

            assertEquals(List.of("MalformedDetail", "MalformedDetail"), result.entries().subList(0, 2).stream()
                    .map(e -> e.errorCode().orElse("")).toList());
            assertEquals(2, bridge.deliveryLog().payloadsTo(LOG_EVENTS).size(), "the deepest a detail may be");
        }

        @Test
        void deliversTheDetailCompactWithTheLastOfARepeatedNameAndTheSendersStringsEscaped() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\":[{\"prefix\":\"Co\"}]}"));
            bridge.putTargets(BUS, "all", List.of(Target.of("t", LOG_EVENTS)));
            PutEventsEntry.Builder entry = PutEventsEntry.builder().eventBusName(BUS).source("Co\"herence\\")
                    .detailType("tab\there").resource("r\n1");

            bridge.putEvents(List.of(
                    entry.detail("{ \"a\" : \"\\u0041\",\n \"b\": [1, 2] }").build(),
                    entry.detail("{\"a\":1,\"b\":{\"c\":2,\"c\":3},\"a\":4}").build(),
                    entry.detail("{\"a\":\"\\\\\",\"b\":[true,null]}").build()));

            List<String> payloads = bridge.deliveryLog().payloadsTo(LOG_EVENTS);
            assertEquals(3, payloads.size());
            for (String payload : payloads) {
                assertTrue(payload.contains("\"detail-type\":\"tab\\there\",\"source\":\"Co\\\"herence\\\\\""),
                        payload);
                assertTrue(payload.contains("\"resources\":[\"r\\n1\"]"), payload);
                assertEquals(payload, Json.write(Json.parseExactOrNull(payload)), "delivered compact");
            }
            assertTrue(payloads.get(0).endsWith(",\"detail\":{\"a\":\"A\",\"b\":[1,2]}}"), payloads.get(0));
            assertTrue(payloads.get(1).endsWith(",\"detail\":{\"a\":4,\"b\":{\"c\":3}}}"), payloads.get(1));
            assertTrue(payloads.get(2).endsWith(",\"detail\":{\"a\":\"\\\\\",\"b\":[true,null]}}"), payloads.get(2));
        }

        @Test
        void dropsAnEntryNamingABusOfAnotherAccountByArnAndRoutesOneOfAnyRegion() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));
            String otherAccount = "arn:aws:events:us-east-1:210987654321:event-bus/" + BUS;

            bridge.putEvents(otherAccount, CoherenceFixtures.documentedNewEnvironments());

            assertTrue(bridge.deliveryLog().attempts().isEmpty(), "a bus of another account is not this bridge's");
            List<Diagnostic> diagnostics = bridge.deliveryLog().diagnostics();
            assertEquals(1, diagnostics.size());
            assertTrue(diagnostics.get(0).message().contains(otherAccount), diagnostics.get(0).message());

            // The bridge stands in for every Region, as LocalEventBridge answers whichever Region signs.
            bridge.putEvents("arn:aws:events:eu-west-1:123456789012:event-bus/" + BUS,
                    CoherenceFixtures.documentedNewEnvironments());
            bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);
        }
    }

    @Nested
    class Buses {

        @Test
        void aBusArnOfAnotherAccountNamesNoBusHere() {
            InMemoryEventBridge bridge = bridgeWithBus();
            for (String arn : List.of("arn:aws:events:us-east-1:210987654321:event-bus/" + BUS,
                    "arn:aws:events:us-east-1:223456789012:event-bus/" + BUS)) {
                assertServiceError("ResourceNotFoundException", "Event bus " + arn + " does not exist.",
                        () -> bridge.describeEventBus(arn));
                assertServiceError("ResourceNotFoundException", "Event bus " + arn + " does not exist.",
                        () -> bridge.putRule(RuleDefinition.of("r", arn, NEW_ONLY)));
            }
            assertTrue(bridge.listRules(BUS).isEmpty(), "no rule was put on the local bus of the same name");
            assertEquals(BUS, bridge.describeEventBus("arn:aws:events:eu-west-1:123456789012:event-bus/" + BUS).name());
            assertEquals(BUS, bridge.describeEventBus("arn:aws:events:us-east-1:123456789012:event-bus/" + BUS).name());
        }

        @Test
        void createsDescribesListsAndDeletesBuses() {
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/" + BUS,
                    bridge.createEventBus(BUS, "Coherence events", Map.of("team", "platform")));
            EventBus described = bridge.describeEventBus(BUS);
            assertEquals("Coherence events", described.description().orElseThrow());
            assertEquals(InMemoryEventBridge.DEFAULT_START_TIME, described.creationTime());
            assertEquals("default", bridge.describeEventBus(null).name());
            assertEquals(Map.of("team", "platform"), bridge.listTagsForResource(described.arn()));
            assertEquals(List.of(BUS, "default"), bridge.listEventBuses().stream().map(EventBus::name).toList());

            bridge.deleteEventBus(BUS);
            bridge.deleteEventBus(BUS);
            assertServiceError("ResourceNotFoundException", "Event bus " + BUS + " does not exist.",
                    () -> bridge.describeEventBus(BUS));
        }

        @Test
        void refusesWhatAwsRefuses() {
            InMemoryEventBridge bridge = bridgeWithBus();
            assertServiceError("ResourceAlreadyExistsException", "Event bus " + BUS + " already exists.",
                    () -> bridge.createEventBus(BUS));
            assertServiceError("ResourceAlreadyExistsException", "Event bus default already exists.",
                    () -> bridge.createEventBus("default"));
            assertServiceError("ValidationException", "Cannot delete event bus default.",
                    () -> bridge.deleteEventBus("default"));
            assertServiceError("ValidationException", "1 validation error detected: Value 'has space' at 'name' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[/\\.\\-_A-Za-z0-9]+", () -> bridge.createEventBus("has space"));
            for (int i = bridge.listEventBuses().size(); i < InMemoryEventBridge.MAX_EVENT_BUSES; i++) {
                bridge.createEventBus("bus-" + i);
            }
            assertServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.",
                    () -> bridge.createEventBus("one-too-many"));
        }

        @Test
        void deletingABusDeletesItsRulesAndStopsItsRouting() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));
            bridge.deleteEventBus(BUS);
            bridge.createEventBus(BUS);

            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());

            assertTrue(bridge.listRules(BUS).isEmpty());
            bridge.deliveryLog().assertNothingDeliveredTo(LOG_EVENTS);
        }
    }

    @Nested
    class Rules {

        @Test
        void putRuleReturnsAwsArnsOnTheDefaultAndCustomBuses() {
            InMemoryEventBridge bridge = bridgeWithBus();
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/r",
                    bridge.putRule(RuleDefinition.of("r", null, NEW_ONLY)));
            assertEquals("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/r",
                    bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY)));
        }

        @Test
        void putRuleIsAnUpsertThatReplacesMembersAndKeepsTargetsAndTags() {
            InMemoryEventBridge bridge = bridgeWithBus();
            String arn = bridge.putRule(RuleDefinition.builder("r").eventBusName(BUS).eventPattern(NEW_ONLY)
                    .description("first").tag("owner", "me").build());
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));

            String again = bridge.putRule(RuleDefinition.builder("r").eventBusName(BUS)
                    .eventPattern("{\"detail-type\": [\"valid_environments\"]}").tag("owner", "other").build());

            assertEquals(arn, again);
            Rule rule = bridge.describeRule(BUS, "r");
            assertTrue(rule.description().isEmpty());
            assertEquals("{\"detail-type\": [\"valid_environments\"]}", rule.eventPattern().orElseThrow());
            assertEquals(List.of("t"), bridge.listTargetsByRule(BUS, "r").stream().map(Target::id).toList());
            assertEquals(Map.of("owner", "me"), bridge.listTagsForResource(arn));
            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments(),
                    CoherenceFixtures.documentedValidEnvironments());
            assertEquals("valid_environments", bridge.deliveryLog().eventsTo(LOG_EVENTS).get(0).detailType());
            bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);
        }

        @Test
        void rejectsAPatternEventBridgeRejectsWithItsMessage() {
            InMemoryEventBridge bridge = bridgeWithBus();
            EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("r", BUS, "{\"source\": \"Coherence\"}")));
            assertEquals("InvalidEventPatternException", e.errorCode());
            assertTrue(e.getMessage().startsWith("Event pattern is not valid. Reason: \"source\" must be an object or "
                    + "an array"), e.getMessage());
            assertTrue(bridge.listRules(BUS).isEmpty());
        }

        @Test
        void appliesEventBridgesRulesOnTopOfTheEngineAndTheAccountsPatternSizeQuota() {
            InMemoryEventBridge bridge = bridgeWithBus();
            EventBridgeServiceException exactly = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("r", BUS, "{\"source\": [{\"exactly\": \"Coherence\"}]}")));
            assertEquals("InvalidEventPatternException", exactly.errorCode());
            assertTrue(exactly.getMessage().startsWith("Event pattern is not valid. Reason: "), exactly.getMessage());

            String names = "\"x\", ".repeat(400);
            String pattern = "{\"detail\": {\"new_environments\": {\"environment_name\": [" + names + "\"main\"]}}}";
            assertTrue(pattern.length() > 2048 && pattern.length() <= 4096, String.valueOf(pattern.length()));
            EventBridgeServiceException quota = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.putRule(RuleDefinition.of("r", BUS, pattern)));
            assertEquals("InvalidEventPatternException", quota.errorCode());
            assertFalse(bridge.testEventPattern(pattern, CoherenceFixtures.documentedNewEnvironmentsJson()));

            InMemoryEventBridge raised = InMemoryEventBridge.builder().maxPatternLength(4096).build();
            raised.createEventBus(BUS);
            raised.putRule(RuleDefinition.of("r", BUS, pattern));
            String tooLong = pattern + " ".repeat(4097 - pattern.length());
            assertServiceError("ValidationException", "1 validation error detected: Value '"
                    + tooLong.substring(0, ConstraintViolations.MAX_QUOTED) + "... (4097 characters)' at "
                    + "'eventPattern' failed to satisfy constraint: Member must have length less than or equal to "
                    + "4096", () -> raised.putRule(RuleDefinition.of("r", BUS, tooLong)));
        }

        @Test
        void validatesMembersWithAwsMessages() {
            InMemoryEventBridge bridge = bridgeWithBus();
            assertServiceError("ValidationException", "2 validation errors detected: Value 'bad name' at 'name' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[\\.\\-_A-Za-z0-9]+; Value '" + "d".repeat(ConstraintViolations.MAX_QUOTED) + "... (513 "
                    + "characters)' at 'description' failed to satisfy constraint: Member must have length less than "
                    + "or equal to 512",
                    () -> bridge.putRule(RuleDefinition.builder("bad name").eventPattern(NEW_ONLY)
                            .description("d".repeat(513)).build()));
            assertServiceError("ValidationException", "1 validation error detected: Value '" + "r".repeat(65)
                    + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64",
                    () -> bridge.putRule(RuleDefinition.of("r".repeat(65), BUS, NEW_ONLY)));
            assertServiceError("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be "
                    + "specified.", () -> bridge.putRule(RuleDefinition.builder("r").eventBusName(BUS).build()));
            assertServiceError("ValidationException", "ScheduleExpression is supported only on the default event "
                    + "bus.", () -> bridge.putRule(RuleDefinition.builder("r").eventBusName(BUS)
                    .scheduleExpression("rate(5 minutes)").build()));
            assertServiceError("ResourceNotFoundException", "Event bus nope does not exist.",
                    () -> bridge.putRule(RuleDefinition.of("r", "nope", NEW_ONLY)));
            assertServiceError("ResourceNotFoundException", "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> bridge.describeRule(BUS, "nope"));
        }

        @Test
        void enforcesTheRulesPerBusQuota() {
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            for (int i = 0; i < InMemoryEventBridge.DEFAULT_MAX_RULES_PER_BUS; i++) {
                bridge.putRule(RuleDefinition.of("r" + i, null, NEW_ONLY));
            }
            bridge.putRule(RuleDefinition.of("r0", null, NEW_ONLY));
            assertServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.",
                    () -> bridge.putRule(RuleDefinition.of("r300", null, NEW_ONLY)));
        }

        @Test
        void aDisabledRuleKeepsItsTargetsAndDeliversNothingUntilEnabled() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.builder("r").eventBusName(BUS).eventPattern(NEW_ONLY)
                    .state(RuleState.DISABLED).build());
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));

            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            bridge.deliveryLog().assertNothingDeliveredTo(LOG_EVENTS);

            bridge.enableRule(BUS, "r");
            assertEquals(RuleState.ENABLED, bridge.describeRule(BUS, "r").state());
            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);

            bridge.disableRule(BUS, "r");
            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            bridge.deliveryLog().assertDeliveredTo(LOG_EVENTS, 1);
            assertEquals(1, bridge.listTargetsByRule(BUS, "r").size());
        }

        @Test
        void deleteRuleRequiresNoTargetsAndIsIdempotent() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));

            assertServiceError("ValidationException", "Rule can't be deleted since it has targets.",
                    () -> bridge.deleteRule(BUS, "r"));
            bridge.removeTargets(BUS, "r", List.of("t"));
            bridge.deleteRule(BUS, "r");
            bridge.deleteRule(BUS, "r");
            assertServiceError("ResourceNotFoundException", "Event bus nope does not exist.",
                    () -> bridge.deleteRule("nope", "r"));

            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            assertTrue(bridge.deliveryLog().attempts().isEmpty());
        }

        @Test
        void listsRulesByPrefixInPages() {
            InMemoryEventBridge bridge = bridgeWithBus();
            for (String name : List.of("b-2", "a-1", "b-1", "b-3", "c-1")) {
                bridge.putRule(RuleDefinition.of(name, BUS, NEW_ONLY));
            }
            Page<Rule> first = bridge.listRules(BUS, "b-", null, 2);
            assertEquals(List.of("b-1", "b-2"), first.items().stream().map(Rule::name).toList());
            Page<Rule> second = bridge.listRules(BUS, "b-", first.nextToken().orElseThrow(), 2);
            assertEquals(List.of("b-3"), second.items().stream().map(Rule::name).toList());
            assertTrue(second.nextToken().isEmpty());
            assertServiceError("ValidationException", "1 validation error detected: Value '101' at 'limit' failed to "
                    + "satisfy constraint: Member must have value less than or equal to 100",
                    () -> bridge.listRules(BUS, null, null, 101));
        }
    }

    @Nested
    class Targets {

        @Test
        void allowsFiveTargetsPerRuleAndRejectsTheSixthWithAwsMessage() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            List<Target> five = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                five.add(Target.of("t" + i, "arn:aws:sqs:us-east-1:123456789012:q" + i));
            }
            assertTrue(bridge.putTargets(BUS, "r", five).isEmpty());
            // Updating one of the five in place is no sixth.
            bridge.putTargets(BUS, "r", List.of(Target.of("t1", LOG_EVENTS)));

            assertServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.",
                    () -> bridge.putTargets(BUS, "r", List.of(Target.of("t6", LOG_EVENTS))));
            assertEquals(5, bridge.listTargetsByRule(BUS, "r").size());
            assertEquals(LOG_EVENTS, bridge.listTargetsByRule(BUS, "r").get(0).arn());

            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            assertEquals(5, bridge.deliveryLog().deliveries().size());
        }

        @Test
        void validatesTargetsWithAwsMessages() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            assertServiceError("ValidationException", "1 validation error detected: Value 'bad id' at "
                    + "'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\.\\-_A-Za-z0-9]+",
                    () -> bridge.putTargets(BUS, "r", List.of(Target.of("bad id", LOG_EVENTS))));
            assertServiceError("ValidationException", "1 validation error detected: Value '186' at "
                    + "'targets.2.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must "
                    + "have value less than or equal to 185",
                    () -> bridge.putTargets(BUS, "r", List.of(Target.of("ok", LOG_EVENTS),
                            Target.builder("t", LOG_EVENTS).retryPolicy(RetryPolicy.of(186, 60)).build())));
            assertServiceError("ValidationException", "1 validation error detected: Value '59' at "
                    + "'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member "
                    + "must have value greater than or equal to 60",
                    () -> bridge.putTargets(BUS, "r", List.of(
                            Target.builder("t", LOG_EVENTS).retryPolicy(RetryPolicy.of(1, 59)).build())));
            assertServiceError("ValidationException", "Parameter(s) SqsParameters must be specified for target: f.",
                    () -> bridge.putTargets(BUS, "r", List.of(
                            Target.of("f", "arn:aws:sqs:us-east-1:123456789012:q.fifo"))));
            assertServiceError("ResourceNotFoundException", "Rule nope does not exist on EventBus " + BUS + ".",
                    () -> bridge.putTargets(BUS, "nope", List.of(Target.of("t", LOG_EVENTS))));
            assertTrue(bridge.listTargetsByRule(BUS, "r").isEmpty());
        }

        @Test
        void listsRuleNamesByTargetAndTargetsInPages() {
            InMemoryEventBridge bridge = bridgeWithBus();
            for (String name : List.of("c", "a", "b")) {
                bridge.putRule(RuleDefinition.of(name, BUS, NEW_ONLY));
                bridge.putTargets(BUS, name, List.of(Target.of("log", LOG_EVENTS),
                        Target.of("other", "arn:aws:sqs:us-east-1:123456789012:" + name)));
            }
            assertEquals(List.of("a", "b", "c"), bridge.listRuleNamesByTarget(BUS, LOG_EVENTS, null, null).items());
            Page<Target> page = bridge.listTargetsByRule(BUS, "a", null, 1);
            assertEquals("log", page.items().get(0).id());
            assertEquals("other", bridge.listTargetsByRule(BUS, "a", page.nextToken().orElseThrow(), 1).items()
                    .get(0).id());
        }

        @Test
        void removedTargetsReceiveNothing() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));
            bridge.removeTargets(BUS, "r", List.of("t", "not-there"));

            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());

            assertTrue(bridge.deliveryLog().attempts().isEmpty());
        }
    }

    @Nested
    class TestEventPattern {

        @Test
        void matchesOfflineWithTheBusValidationAndEngine() {
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            assertTrue(bridge.testEventPattern(NEW_ONLY, CoherenceFixtures.documentedNewEnvironmentsJson()));
            assertFalse(bridge.testEventPattern(NEW_ONLY, CoherenceFixtures.documentedValidEnvironmentsJson()));
            EventBridgeServiceException e = assertThrows(EventBridgeServiceException.class,
                    () -> bridge.testEventPattern("{\"source\": [{\"prefix\": 1}]}",
                            CoherenceFixtures.documentedNewEnvironmentsJson()));
            assertEquals("InvalidEventPatternException", e.errorCode());
            assertTrue(e.getMessage().startsWith("Event pattern is not valid. Reason: prefix match pattern must be a "
                    + "string"), e.getMessage());
        }

        /** AWS-recorded (LocalStack snapshots test_plain_string_payload, test_invalid_event_payload): no reason. */
        @Test
        void refusesAnEventWithoutItsEnvelopeMembersInAwsWords() {
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            for (String event : List.of("{\"source\": \"Coherence\", \"detail-type\": \"x\"}", "plain text",
                    "\"a JSON string\"", "[]", "{\"id\": \"1\", \"account\": \"1\", \"source\": \"s\", "
                            + "\"time\": \"t\", \"region\": \"r\"}")) {
                assertServiceError("ValidationException", "Parameter Event is not valid.",
                        () -> bridge.testEventPattern(NEW_ONLY, event));
            }
        }
    }

    @Nested
    class Tags {

        @Test
        void tagsAndUntagsBusesAndRules() {
            InMemoryEventBridge bridge = bridgeWithBus();
            String ruleArn = bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.tagResource(ruleArn, Map.of("a", "1", "b", "2"));
            bridge.untagResource(ruleArn, List.of("a", "zz"));
            assertEquals(Map.of("b", "2"), bridge.listTagsForResource(ruleArn));
            assertServiceError("ResourceNotFoundException", "Rule gone does not exist on EventBus " + BUS + ".",
                    () -> bridge.listTagsForResource(ruleArn.replace("/r", "/gone")));
            assertServiceError("ResourceNotFoundException", "Event bus gone does not exist.",
                    () -> bridge.tagResource("arn:aws:events:us-east-1:123456789012:event-bus/gone", Map.of()));
        }
    }

    @Nested
    class ArchivesAndReplays {

        @Test
        void archivesWhatIsPutAndReplaysAWindowWithReplayName() {
            InMemoryEventBridge bridge = bridgeWithBus();
            bridge.createArchive("everything", BUS);
            bridge.createArchive("valid-only", bridge.describeEventBus(BUS).arn(),
                    "{\"detail-type\": [\"valid_environments\"]}");
            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments(),
                    CoherenceFixtures.documentedValidEnvironments());
            bridge.advanceClock(java.time.Duration.ofHours(1));
            bridge.putEvents(BUS, CoherenceFixtures.documentedNewEnvironments());
            assertEquals(3, bridge.describeArchive("everything").eventCount());
            assertEquals(1, bridge.describeArchive("valid-only").eventCount());

            // Rules created after the events still receive them on replay.
            bridge.putRule(RuleDefinition.of("r", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "r", List.of(Target.of("t", LOG_EVENTS)));
            Instant start = InMemoryEventBridge.DEFAULT_START_TIME;
            Replay replay = bridge.startReplay("first-hour", "everything", start, start.plusSeconds(3600));

            assertEquals(2, replay.eventsReplayed());
            List<DeliveryAttempt> delivered = bridge.deliveryLog().deliveriesTo(LOG_EVENTS);
            assertEquals(1, delivered.size());
            assertEquals("first-hour", delivered.get(0).replayName().orElseThrow());
            assertEquals("first-hour", Json.parseOrNull(delivered.get(0).payload()).get("replay-name").textValue());
            assertEquals(3, bridge.describeArchive("everything").eventCount());
            assertServiceError("ResourceAlreadyExistsException", "Replay first-hour already exists.",
                    () -> bridge.startReplay("first-hour", "everything", start, start.plusSeconds(1)));
            assertServiceError("ResourceNotFoundException", "Archive nope does not exist.",
                    () -> bridge.describeArchive("nope"));
        }
    }

    @Nested
    class Concurrency {

        /**
         * Four threads put 100,000 events in batches of ten while one of them keeps changing the bus's rules between
         * its calls: every target receives exactly the events its rule selects, each once.
         */
        @Test
        void deliversExactlyOnceUnderConcurrentPutEventsAndRuleChanges() throws Exception {
            int threads = 4;
            int callsPerThread = 2_500;
            InMemoryEventBridge bridge = bridgeWithBus();
            String allTarget = "arn:aws:sqs:us-east-1:123456789012:all";
            String newTarget = "arn:aws:lambda:us-east-1:123456789012:function:new";
            bridge.putRule(RuleDefinition.of("all", BUS, "{\"source\": [\"Coherence\"]}"));
            bridge.putTargets(BUS, "all", List.of(Target.of("all", allTarget)));
            bridge.putRule(RuleDefinition.of("new", BUS, NEW_ONLY));
            bridge.putTargets(BUS, "new", List.of(Target.of("new", newTarget), Target.of("log", LOG_EVENTS)));
            Set<String> handled = ConcurrentHashMap.newKeySet();
            AtomicInteger handlerCalls = new AtomicInteger();
            bridge.onEvent(newTarget, event -> {
                handlerCalls.incrementAndGet();
                handled.add(event.id());
            });
            List<PutEventsEntry> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(PutEventsEntry.of(BUS, i % 2 == 0 ? CoherenceFixtures.documentedNewEnvironments()
                        : CoherenceFixtures.documentedValidEnvironments()));
            }

            CyclicBarrier start = new CyclicBarrier(threads + 1);
            CountDownLatch done = new CountDownLatch(threads);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger accepted = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                boolean changesRules = t == 0;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int c = 0; c < callsPerThread; c++) {
                            accepted.addAndGet(bridge.putEvents(batch).eventIds().size());
                            if (changesRules && c % 25 == 0) {
                                // A rule that never matches, put and disabled: the routing changes under the others.
                                bridge.putRule(RuleDefinition.of("churn", BUS,
                                        "{\"detail-type\": [\"never-" + c + "\"]}"));
                                bridge.disableRule(BUS, "churn");
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
                thread.start();
            }
            start.await();
            done.await();

            if (failure.get() != null) {
                throw new AssertionError("a putEvents thread failed", failure.get());
            }
            int events = threads * callsPerThread * 10;
            assertEquals(100_000, events);
            assertEquals(events, accepted.get());
            DeliveryLog log = bridge.deliveryLog();
            log.assertDeliveredTo(allTarget, events);
            log.assertDeliveredTo(newTarget, events / 2);
            log.assertDeliveredTo(LOG_EVENTS, events / 2);
            assertEquals(events / 2, handlerCalls.get());
            assertEquals(events / 2, handled.size());
            Set<String> allIds = new HashSet<>();
            for (DeliveryAttempt attempt : log.deliveriesTo(allTarget)) {
                allIds.add(attempt.eventId());
            }
            assertEquals(events, allIds.size());
            assertTrue(log.failedAttempts().isEmpty());
            assertEquals(2 * events, log.deliveries().size());
        }
    }
}
