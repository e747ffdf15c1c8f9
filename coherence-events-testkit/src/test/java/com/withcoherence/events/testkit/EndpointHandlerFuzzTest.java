package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the loopback endpoint's request handling in process: {@link EndpointHandler}, the handler the JDK's HTTP
 * server runs for every exchange, with {@link AwsJsonProtocol}, {@link JsonMembers} and the {@link InMemoryEventBridge}
 * behind it, over an {@link InMemoryExchange} (no socket per input). Every input gets a new bridge holding two buses,
 * rules and targets, so that a committed input replays exactly.
 *
 * <p>Invariants (docs/quality.md):
 *
 * <ul>
 *   <li><b>Only AWS-shaped answers.</b> Every exchange is answered once, with {@code Content-Type} and
 *       {@code x-amzn-RequestId}, a body of the declared length that is one JSON object, and either HTTP 200 or a
 *       4xx whose body is exactly {@code {"__type": …, "message": …}}, both non-blank. A 500 means the endpoint
 *       caught an exception of its own ({@link EndpointHandler#internalErrors()}), which is a finding.</li>
 *   <li><b>State stays consistent.</b> {@link #anySequenceKeepsTheBusConsistent} keeps its own model of the buses,
 *       rules and targets, changed only by the requests the endpoint accepted (less the entries it reported failed),
 *       and at the end reads the bus back over the wire, every page, and through the Java API: both must equal the
 *       model.</li>
 *   <li><b>Bounded time and memory.</b> {@code @Timeout} per input (libFuzzer's {@code -timeout} when fuzzing), and
 *       what the input's thread allocates stays within {@link #FIXED_ALLOCATION} plus {@link #ALLOCATION_PER_BYTE}
 *       per input byte.</li>
 * </ul>
 */
@Timeout(value = EndpointHandlerFuzzTest.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointHandlerFuzzTest {

    /**
     * The longest one input may take. An input is at most a few dozen requests of at most 64 KiB against a small
     * bridge: milliseconds warm. Ten seconds, as for the model's targets, leaves room for a loaded CI machine and
     * Jazzer's instrumentation, so only a hang or a blow-up worse than linear trips it.
     */
    static final long SECONDS_PER_INPUT = 10;

    /**
     * What one input may allocate whatever its length: a new bridge with its rules' event-ruler machines, up to 40
     * requests with their answers and the final read-back. Generous, so that Jazzer's comparison hooks fit too; it
     * still fails a blow-up long before the fuzzing JVM's heap does.
     */
    static final long FIXED_ALLOCATION = 64L << 20;

    /** What one input may allocate per byte on top: a body is read, parsed, copied into requests and echoed. */
    static final long ALLOCATION_PER_BYTE = 1024;

    /** The request size limit of the endpoint under test (the default is 4 MiB; inputs are far smaller). */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    static final String SIGNATURE = EndpointHandlerTest.SIGNATURE;

    private static final String[] METHODS = {"POST", "POST", "POST", "POST", "GET", "PUT", "HEAD", "DELETE", "post"};
    private static final String[] CONTENT_TYPES = {EndpointHandler.CONTENT_TYPE, "application/json",
        "text/plain; charset=utf-8", ""};
    private static final EventBridgeOperation[] OPERATIONS = EventBridgeOperation.values();
    /** What a sequence does: mostly writes, so that the bus changes; reads and events now and then. */
    private static final EventBridgeOperation[] SEQUENCE_OPERATIONS = {
        EventBridgeOperation.CREATE_EVENT_BUS, EventBridgeOperation.DELETE_EVENT_BUS,
        EventBridgeOperation.PUT_RULE, EventBridgeOperation.PUT_RULE, EventBridgeOperation.PUT_RULE,
        EventBridgeOperation.DELETE_RULE, EventBridgeOperation.ENABLE_RULE, EventBridgeOperation.DISABLE_RULE,
        EventBridgeOperation.PUT_TARGETS, EventBridgeOperation.PUT_TARGETS, EventBridgeOperation.PUT_TARGETS,
        EventBridgeOperation.REMOVE_TARGETS, EventBridgeOperation.REMOVE_TARGETS,
        EventBridgeOperation.DESCRIBE_RULE, EventBridgeOperation.LIST_RULES, EventBridgeOperation.LIST_TARGETS_BY_RULE,
        EventBridgeOperation.PUT_EVENTS, EventBridgeOperation.TAG_RESOURCE};
    /**
     * The error codes the endpoint may answer: EventBridge's own (API model and the AWS JSON protocol's), and the
     * throttling the sequences inject.
     */
    private static final Set<String> ERROR_CODES = Set.of(WireError.SERIALIZATION, WireError.UNKNOWN_OPERATION,
            WireError.MISSING_AUTHENTICATION_TOKEN, WireError.INCOMPLETE_SIGNATURE, WireError.REQUEST_ENTITY_TOO_LARGE,
            WireError.INCOMPLETE_BODY, EventBridgeServiceException.VALIDATION,
            EventBridgeServiceException.RESOURCE_NOT_FOUND, EventBridgeServiceException.RESOURCE_ALREADY_EXISTS,
            EventBridgeServiceException.LIMIT_EXCEEDED, EventBridgeServiceException.INVALID_EVENT_PATTERN,
            EndpointFaults.THROTTLING);
    private static final ObjectMapper READER = new ObjectMapper();
    private static final java.lang.management.ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Any one request: method, signature, {@code X-Amz-Target}, {@code Content-Type}, {@code Content-Length} and a
     * body that is either the input's raw bytes or an operation's members built from it, sometimes cut short.
     */
    @FuzzTest
    void anyRequest(FuzzedDataProvider data) {
        int length = data.remainingBytes();
        allocationBudget(length, () -> {
            Endpoint endpoint = new Endpoint();
            String method = data.pickValue(METHODS);
            Headers headers = new Headers();
            switch (data.consumeInt(0, 9)) {
                case 0 -> {
                }
                case 1 -> headers.add("Authorization", "");
                case 2 -> headers.add("Authorization", "AWS4-HMAC-SHA256 Signature=0");
                case 3 -> headers.add("Authorization", headerValue(data.consumeString(60)));
                // Signed for another Region (bus ARNs of us-east-1 are then refused), or for none (SigV4a).
                case 4 -> headers.add("Authorization", SIGNATURE.replace("us-east-1", "eu-west-1"));
                case 5 -> headers.add("Authorization", "AWS4-ECDSA-P256-SHA256 Credential="
                        + headerValue(data.consumeString(30)) + ", SignedHeaders=host, Signature=0");
                default -> headers.add("Authorization", SIGNATURE);
            }
            EventBridgeOperation operation = data.pickValue(OPERATIONS);
            switch (data.consumeInt(0, 9)) {
                case 0 -> {
                }
                case 1 -> headers.add("X-Amz-Target", headerValue(data.consumeString(40)));
                case 2 -> headers.add("X-Amz-Target", EventBridgeOperation.TARGET_PREFIX);
                case 3 -> headers.add("X-Amz-Target", "awsevents." + operation.awsName());
                default -> headers.add("X-Amz-Target", EventBridgeOperation.TARGET_PREFIX + operation.awsName());
            }
            int contentType = data.consumeInt(0, CONTENT_TYPES.length);
            if (contentType < CONTENT_TYPES.length) {
                headers.add("Content-Type", CONTENT_TYPES[contentType]);
            }
            int declared = data.consumeInt(0, 5);
            boolean cut = data.consumeInt(0, 7) == 0;
            int cutAfter = cut ? data.consumeInt(0, 1 << 16) : Integer.MAX_VALUE;
            byte[] body;
            if (data.consumeInt(0, 3) == 0) {
                body = data.consumeRemainingAsBytes();
            } else {
                body = bytes(new EndpointRequests(data, false).body(operation));
            }
            switch (declared) {
                case 0 -> {
                }
                case 1 -> headers.add("Content-Length", "abc");
                case 2 -> headers.add("Content-Length", String.valueOf(MAX_REQUEST_BYTES + 1L));
                case 3 -> headers.add("Content-Length", "99999999999999999999");
                default -> headers.add("Content-Length", String.valueOf(body.length));
            }
            endpoint.send(method, headers, body, cutAfter);
        });
    }

    /**
     * Any sequence of well-signed requests that change buses, rules and targets (with throttling and failed entries
     * injected now and then), checked against a model of what the endpoint accepted.
     */
    @FuzzTest
    void anySequenceKeepsTheBusConsistent(FuzzedDataProvider data) {
        int length = data.remainingBytes();
        allocationBudget(length, () -> {
            Endpoint endpoint = new Endpoint();
            Model model = new Model(endpoint.bridge);
            EndpointRequests requests = new EndpointRequests(data, true);
            int steps = data.consumeInt(1, 30);
            for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
                injectFault(endpoint.faults, data);
                EventBridgeOperation operation = data.pickValue(SEQUENCE_OPERATIONS);
                ObjectNode body = requests.body(operation);
                Response response = endpoint.call(operation, body);
                if (response.body.hasNonNull("NextToken")) {
                    requests.sawToken(response.body.get("NextToken").asText());
                }
                model.apply(operation, body, response);
            }
            endpoint.faults.clear();
            model.check(endpoint, data.consumeInt(1, 100));
        });
    }

    /** A header value as an HTTP server hands one over: a line break cannot be part of it. */
    private static String headerValue(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void injectFault(EndpointFaults faults, FuzzedDataProvider data) {
        switch (data.consumeInt(0, 19)) {
            case 0 -> faults.throttle(data.pickValue(SEQUENCE_OPERATIONS), 1);
            case 1 -> faults.failPutTargetsEntries(EntryFailure.<Target>atIndexes(data.consumeInt(0, 5)).times(1));
            case 2 -> faults.failRemoveTargetsEntries(EntryFailure.<String>atIndexes(data.consumeInt(0, 5)).times(1));
            case 3 -> faults.failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(data.consumeInt(0, 9))
                    .times(1));
            case 4 -> {
                String id = data.pickValue(EndpointRequests.TARGET_IDS);
                faults.failPutTargetsEntries(EntryFailure.<Target>matching(target -> target.id().equals(id))
                        .withErrorCode(EntryFailure.CONCURRENT_MODIFICATION).times(data.consumeInt(1, 3)));
            }
            case 5 -> faults.failRemoveTargetsEntries(EntryFailure.<String>withProbability(0.5, data.consumeLong())
                    .withErrorCode(EntryFailure.THROTTLING).times(1));
            default -> {
            }
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One answer: its status, its JSON body, and its {@code __type} for an error. */
    record Response(int status, JsonNode body, String type) {
        boolean ok() {
            return status == 200;
        }
    }

    /** A new bridge with two buses, rules and targets, and the endpoint's handler over it. */
    static final class Endpoint {
        final InMemoryEventBridge bridge;
        final EndpointFaults faults = new EndpointFaults();
        final EndpointHandler handler;

        Endpoint() {
            // Few rules per bus, so that the quota is met.
            bridge = InMemoryEventBridge.builder().eventIdSeed(1).maxRulesPerBus(4).build();
            bridge.createEventBus("bus");
            bridge.putRule(RuleDefinition.of("r1", "bus", EndpointRequests.PATTERNS[0]));
            bridge.putTargets("bus", "r1", List.of(Target.of("t1", EndpointRequests.TARGET_ARNS[0])));
            bridge.putRule(RuleDefinition.of("r2", null, EndpointRequests.PATTERNS[1]));
            bridge.putTargets(null, "r2", List.of(Target.of("t1", EndpointRequests.TARGET_ARNS[2]),
                    Target.of("t2", EndpointRequests.TARGET_ARNS[0])));
            handler = new EndpointHandler(new AwsJsonProtocol(bridge, faults), faults, new RequestLog(64),
                    MAX_REQUEST_BYTES);
        }

        /** A request as the SDK sends it. */
        Response call(EventBridgeOperation operation, JsonNode body) {
            Headers headers = new Headers();
            headers.add("Authorization", SIGNATURE);
            headers.add("X-Amz-Target", EventBridgeOperation.TARGET_PREFIX + operation.awsName());
            headers.add("Content-Type", EndpointHandler.CONTENT_TYPE);
            byte[] bytes = bytes(body);
            headers.add("Content-Length", String.valueOf(bytes.length));
            return send("POST", headers, bytes, Integer.MAX_VALUE);
        }

        /** Any request; checks that the answer is AWS-shaped. */
        Response send(String method, Headers headers, byte[] body, int cutAfter) {
            InMemoryExchange exchange = new InMemoryExchange(method, headers, body, cutAfter);
            handler.handle(exchange);
            String request = describe(method, headers, body);
            assertTrue(handler.internalErrors().isEmpty(), () -> "the endpoint failed with "
                    + handler.internalErrors() + " on " + request);
            assertEquals(1, exchange.closes(), "the exchange must be closed once");
            int status = exchange.status();
            assertTrue(status == 200 || status == 400 || status == 413, () -> "status " + status + " on " + request
                    + ": " + new String(exchange.body(), StandardCharsets.UTF_8));
            Headers answer = exchange.getResponseHeaders();
            assertEquals(EndpointHandler.CONTENT_TYPE, answer.getFirst("Content-Type"));
            assertNotNull(answer.getFirst("x-amzn-RequestId"));
            if (method.equals("HEAD")) {
                assertEquals(-1, exchange.declaredResponseLength());
                return new Response(status, READER.createObjectNode(), status == 200 ? null : "");
            }
            byte[] bytes = exchange.body();
            assertEquals(exchange.declaredResponseLength(), bytes.length, "the body's length must be declared");
            JsonNode json;
            try {
                json = READER.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("the answer to " + request + " is not JSON", e);
            }
            assertTrue(json.isObject(), () -> "the answer is not a JSON object: " + json);
            if (status == 200) {
                checkCounts(json);
                return new Response(status, json, null);
            }
            Set<String> members = new HashSet<>();
            json.fieldNames().forEachRemaining(members::add);
            assertEquals(Set.of("__type", "message"), members, json::toString);
            assertTrue(json.get("__type").isTextual() && !json.get("__type").asText().isBlank(), json::toString);
            assertTrue(json.get("message").isTextual() && !json.get("message").asText().isBlank(), json::toString);
            String type = json.get("__type").asText();
            assertTrue(ERROR_CODES.contains(type), () -> "an error code EventBridge does not answer: " + json);
            assertEquals(type.equals(WireError.REQUEST_ENTITY_TOO_LARGE), status == 413, json::toString);
            if (status == 413 || type.equals(WireError.INCOMPLETE_BODY)) {
                // The rest of the body was not read: the connection cannot carry another request.
                assertEquals("close", answer.getFirst("Connection"), json::toString);
            }
            return new Response(status, json, type);
        }

        private static String describe(String method, Headers headers, byte[] body) {
            String text = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
            return method + " " + headers.entrySet() + " " + text;
        }
    }

    /** A 200 answer that reports failed entries counts them right. */
    private static void checkCounts(JsonNode json) {
        if (!json.has("FailedEntryCount")) {
            return;
        }
        int count = json.get("FailedEntryCount").asInt();
        if (json.has("FailedEntries")) {
            assertEquals(json.get("FailedEntries").size(), count, json::toString);
        } else {
            int failed = 0;
            for (JsonNode entry : json.get("Entries")) {
                assertTrue(entry.has("EventId") != entry.has("ErrorCode"), json::toString);
                failed += entry.has("ErrorCode") ? 1 : 0;
            }
            assertEquals(failed, count, json::toString);
        }
    }

    /** The test's own account of buses, rules (pattern, state) and targets (id, ARN, in first-put order). */
    static final class Model {
        record RuleModel(String pattern, String state, LinkedHashMap<String, String> targets) {
        }

        final TreeMap<String, TreeMap<String, RuleModel>> buses = new TreeMap<>();

        Model(InMemoryEventBridge bridge) {
            for (EventBus bus : bridge.listEventBuses()) {
                TreeMap<String, RuleModel> rules = new TreeMap<>();
                for (Rule rule : bridge.listRules(bus.name())) {
                    LinkedHashMap<String, String> targets = new LinkedHashMap<>();
                    for (Target target : bridge.listTargetsByRule(bus.name(), rule.name())) {
                        targets.put(target.id(), target.arn());
                    }
                    rules.put(rule.name(), new RuleModel(rule.eventPattern().orElse(null), rule.state().name(),
                            targets));
                }
                buses.put(bus.name(), rules);
            }
        }

        /** The bus a request names by name or ARN; {@code default} when it names none. */
        private static String busOf(JsonNode body, String member) {
            JsonNode value = body.get(member);
            if (value == null || value.isNull()) {
                return "default";
            }
            // An ARN names this bridge's bus only in its account and Region; another names a bus elsewhere.
            String text = value.asText();
            String local = EndpointRequests.ARN_PREFIX + "event-bus/";
            return text.startsWith(local) ? text.substring(local.length()) : text;
        }

        private static String text(JsonNode body, String member) {
            JsonNode value = body.get(member);
            return value == null || value.isNull() ? null : value.asText();
        }

        private RuleModel rule(JsonNode body, String busMember, String nameMember, Response response) {
            TreeMap<String, RuleModel> rules = buses.get(busOf(body, busMember));
            RuleModel rule = rules == null ? null : rules.get(text(body, nameMember));
            assertNotNull(rule, () -> "the endpoint accepted " + body + " for a rule it does not have: "
                    + response.body);
            return rule;
        }

        void apply(EventBridgeOperation operation, ObjectNode body, Response response) {
            if (!response.ok()) {
                if (EventBridgeServiceException.RESOURCE_NOT_FOUND.equals(response.type)) {
                    checkNotFound(operation, body, response);
                }
                return;
            }
            switch (operation) {
                case CREATE_EVENT_BUS -> {
                    String name = text(body, "Name");
                    assertFalse(buses.containsKey(name), () -> "created bus " + name + " twice");
                    buses.put(name, new TreeMap<>());
                }
                case DELETE_EVENT_BUS -> buses.remove(text(body, "Name"));
                case PUT_RULE -> {
                    String bus = busOf(body, "EventBusName");
                    TreeMap<String, RuleModel> rules = buses.get(bus);
                    assertNotNull(rules, () -> "PutRule accepted on bus " + bus + ", which does not exist");
                    String name = text(body, "Name");
                    RuleModel existing = rules.get(name);
                    String state = text(body, "State");
                    rules.put(name, new RuleModel(text(body, "EventPattern"), state == null ? "ENABLED" : state,
                            existing == null ? new LinkedHashMap<>() : existing.targets));
                    assertTrue(rules.size() <= 4, "the bus holds more rules than its quota");
                }
                case ENABLE_RULE, DISABLE_RULE -> {
                    RuleModel rule = rule(body, "EventBusName", "Name", response);
                    buses.get(busOf(body, "EventBusName")).put(text(body, "Name"), new RuleModel(rule.pattern,
                            operation == EventBridgeOperation.ENABLE_RULE ? "ENABLED" : "DISABLED", rule.targets));
                }
                case DELETE_RULE -> {
                    TreeMap<String, RuleModel> rules = buses.get(busOf(body, "EventBusName"));
                    assertNotNull(rules, () -> "DeleteRule accepted on a bus that does not exist: " + body);
                    RuleModel removed = rules.remove(text(body, "Name"));
                    assertTrue(removed == null || removed.targets.isEmpty(),
                            () -> "deleted a rule that has targets: " + body);
                }
                case PUT_TARGETS -> {
                    RuleModel rule = rule(body, "EventBusName", "Rule", response);
                    Set<String> failed = failedIds(response);
                    for (JsonNode target : body.get("Targets")) {
                        String id = target.get("Id").asText();
                        if (!failed.contains(id)) {
                            rule.targets.put(id, target.get("Arn").asText());
                        }
                    }
                    assertTrue(rule.targets.size() <= InMemoryEventBridge.MAX_TARGETS_PER_RULE,
                            () -> "a rule holds more than 5 targets after " + body);
                }
                case REMOVE_TARGETS -> {
                    RuleModel rule = rule(body, "EventBusName", "Rule", response);
                    Set<String> failed = failedIds(response);
                    for (JsonNode id : body.get("Ids")) {
                        if (!failed.contains(id.asText())) {
                            rule.targets.remove(id.asText());
                        }
                    }
                }
                case DESCRIBE_RULE -> {
                    RuleModel rule = rule(body, "EventBusName", "Name", response);
                    assertEquals(rule.pattern, response.body.path("EventPattern").asText(null), response.body::toString);
                    assertEquals(rule.state, response.body.path("State").asText(null), response.body::toString);
                }
                default -> {
                }
            }
        }

        private static Set<String> failedIds(Response response) {
            Set<String> ids = new HashSet<>();
            for (JsonNode entry : response.body.get("FailedEntries")) {
                ids.add(entry.get("TargetId").asText());
            }
            return ids;
        }

        /** A rule or bus the endpoint said does not exist is not in the model either. */
        private void checkNotFound(EventBridgeOperation operation, ObjectNode body, Response response) {
            switch (operation) {
                case PUT_RULE -> assertFalse(buses.containsKey(busOf(body, "EventBusName")),
                        () -> "bus not found, but it exists: " + body + " -> " + response.body);
                case DESCRIBE_RULE, ENABLE_RULE, DISABLE_RULE -> {
                    TreeMap<String, RuleModel> rules = buses.get(busOf(body, "EventBusName"));
                    assertTrue(rules == null || !rules.containsKey(text(body, "Name")),
                            () -> "rule not found, but it exists: " + body + " -> " + response.body);
                }
                case PUT_TARGETS, REMOVE_TARGETS, LIST_TARGETS_BY_RULE -> {
                    TreeMap<String, RuleModel> rules = buses.get(busOf(body, "EventBusName"));
                    assertTrue(rules == null || !rules.containsKey(text(body, "Rule")),
                            () -> "rule not found, but it exists: " + body + " -> " + response.body);
                }
                default -> {
                }
            }
        }

        /** Reads every bus, rule and target back, over the wire page by page and through the Java API. */
        void check(Endpoint endpoint, int limit) {
            List<String> busNames = new ArrayList<>();
            for (JsonNode bus : all(endpoint, EventBridgeOperation.LIST_EVENT_BUSES, Json.MAPPER.createObjectNode(),
                    "EventBuses", limit)) {
                busNames.add(bus.get("Name").asText());
            }
            assertEquals(new ArrayList<>(buses.keySet()), busNames, "ListEventBuses");
            for (Map.Entry<String, TreeMap<String, RuleModel>> bus : buses.entrySet()) {
                Map<String, String> wire = new TreeMap<>();
                for (JsonNode rule : all(endpoint, EventBridgeOperation.LIST_RULES,
                        Json.MAPPER.createObjectNode().put("EventBusName", bus.getKey()), "Rules", limit)) {
                    wire.put(rule.get("Name").asText(), rule.path("EventPattern").asText(null) + " "
                            + rule.get("State").asText());
                }
                Map<String, String> expected = new TreeMap<>();
                bus.getValue().forEach((name, rule) -> expected.put(name, rule.pattern + " " + rule.state));
                assertEquals(expected, wire, "ListRules of bus " + bus.getKey());
                List<String> api = new ArrayList<>();
                endpoint.bridge.listRules(bus.getKey()).forEach(rule -> api.add(rule.name()));
                assertEquals(new ArrayList<>(expected.keySet()), api, "InMemoryEventBridge.listRules");

                Map<String, List<String>> rulesByArn = new TreeMap<>();
                for (Map.Entry<String, RuleModel> rule : bus.getValue().entrySet()) {
                    List<String> targets = new ArrayList<>();
                    for (JsonNode target : all(endpoint, EventBridgeOperation.LIST_TARGETS_BY_RULE,
                            Json.MAPPER.createObjectNode().put("EventBusName", bus.getKey())
                                    .put("Rule", rule.getKey()), "Targets", limit)) {
                        targets.add(target.get("Id").asText() + "=" + target.get("Arn").asText());
                    }
                    List<String> expectedTargets = new ArrayList<>();
                    rule.getValue().targets.forEach((id, arn) -> expectedTargets.add(id + "=" + arn));
                    assertEquals(expectedTargets, targets, "ListTargetsByRule of " + bus.getKey() + "/"
                            + rule.getKey());
                    List<String> apiTargets = new ArrayList<>();
                    endpoint.bridge.listTargetsByRule(bus.getKey(), rule.getKey())
                            .forEach(target -> apiTargets.add(target.id() + "=" + target.arn()));
                    assertEquals(expectedTargets, apiTargets, "InMemoryEventBridge.listTargetsByRule");
                    new HashSet<>(rule.getValue().targets.values()).forEach(arn ->
                            rulesByArn.computeIfAbsent(arn, key -> new ArrayList<>()).add(rule.getKey()));
                }
                for (String arn : EndpointRequests.TARGET_ARNS) {
                    List<String> names = new ArrayList<>();
                    for (JsonNode name : all(endpoint, EventBridgeOperation.LIST_RULE_NAMES_BY_TARGET,
                            Json.MAPPER.createObjectNode().put("EventBusName", bus.getKey()).put("TargetArn", arn),
                            "RuleNames", limit)) {
                        names.add(name.asText());
                    }
                    assertEquals(rulesByArn.getOrDefault(arn, List.of()), names,
                            "ListRuleNamesByTarget of " + arn + " on " + bus.getKey());
                }
            }
        }

        /** Every item of a List operation, following NextToken with pages of at most {@code limit}. */
        private static List<JsonNode> all(Endpoint endpoint, EventBridgeOperation operation, ObjectNode body,
                String member, int limit) {
            List<JsonNode> items = new ArrayList<>();
            body.put("Limit", limit);
            for (int page = 0; page < 1000; page++) {
                Response response = endpoint.call(operation, body);
                assertTrue(response.ok(), () -> operation + " " + body + " -> " + response.body);
                for (Iterator<JsonNode> it = response.body.get(member).elements(); it.hasNext();) {
                    items.add(it.next());
                }
                assertTrue(response.body.get(member).size() <= limit, "a page holds more than its limit");
                if (!response.body.hasNonNull("NextToken")) {
                    return items;
                }
                body.put("NextToken", response.body.get("NextToken").asText());
            }
            return fail(operation + " did not end after 1000 pages");
        }
    }

    /** Work done for one input. */
    @FunctionalInterface
    interface Work {
        void run();
    }

    /**
     * Runs {@code work} and fails if the thread allocated more than the budget of an input of {@code length} bytes.
     * Loading a class (and, when fuzzing, instrumenting it) allocates far more than an input costs, and an input
     * cannot be run twice (it is read as it goes): so the classes every input needs are loaded before the first one
     * ({@link #WARM}), and an input during which the JVM loaded a class is not held to the budget. An input that
     * allocates too much does so again once its classes are loaded, and the fuzzing JVM's heap is capped as well.
     */
    static void allocationBudget(long length, Work work) {
        long budget = FIXED_ALLOCATION + ALLOCATION_PER_BYTE * length;
        long classes = CLASSES.getTotalLoadedClassCount();
        long allocated = allocated(work);
        if (CLASSES.getTotalLoadedClassCount() == classes) {
            assertTrue(allocated <= budget, () -> "an input of " + length + " bytes allocated " + allocated
                    + " bytes, more than its budget of " + budget);
        }
    }

    /** Every operation once, accepted and refused, before the first input is measured. */
    private static final boolean WARM = warmUp();

    private static boolean warmUp() {
        Endpoint endpoint = new Endpoint();
        for (EventBridgeOperation operation : OPERATIONS) {
            endpoint.call(operation, Json.MAPPER.createObjectNode());
            endpoint.call(operation, Json.MAPPER.createObjectNode().put("Name", "r1").put("EventBusName", "bus")
                    .put("Rule", "r1").put("EventPattern", EndpointRequests.PATTERNS[0]));
        }
        Model model = new Model(endpoint.bridge);
        model.check(endpoint, 1);
        return true;
    }

    private static long allocated(Work work) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        work.run();
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }
}
