package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/**
 * The endpoint's answers to requests the AWS SDKs never send, byte for byte over HTTP: every client mistake is an
 * AWS-shaped 4xx error naming what was wrong, and the endpoint keeps serving afterwards.
 */
class EndpointHandlerTest {

    static final String SIGNATURE = "AWS4-HMAC-SHA256 Credential=AKIDTESTKIT/20261127/us-east-1/events/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef";
    static final String PATTERN = "{\\\"source\\\": [\\\"Coherence\\\"]}";

    static LocalEventBridge endpoint;
    static HttpClient http;

    @BeforeAll
    static void start() {
        endpoint = LocalEventBridge.builder().maxRequestBytes(64 * 1024).start();
        endpoint.bridge().createEventBus("bus");
        endpoint.bridge().putRule(RuleDefinition.of("rule", "bus", "{\"source\": [\"Coherence\"]}"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    /**
     * One request and the answer expected: status, {@code __type}, and a part of the message. A case with a
     * {@code declaredLength} is sent over a raw socket with that {@code Content-Length}, after which the client closes
     * its side for writing: a body cut short, which no HTTP client library sends on purpose.
     */
    record Case(String name, String method, String target, String authorization, byte[] body, int status,
            String type, String message, long declaredLength) {

        Case(String name, String method, String target, String authorization, byte[] body, int status,
                String type, String message) {
            this(name, method, target, authorization, body, status, type, message, -1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What came back: status, headers (names in lower case), body. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer of(HttpResponse<String> response) {
            Map<String, String> headers = new java.util.HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            return new Answer(response.statusCode(), headers, response.body());
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    static Case post(String name, String operation, String body, int status, String type, String message) {
        return new Case(name, "POST", "AWSEvents." + operation, SIGNATURE, body.getBytes(StandardCharsets.UTF_8),
                status, type, message);
    }

    static Stream<Case> malformedRequests() {
        String deep = "[".repeat(1200) + "]".repeat(1200);
        byte[] badUtf8 = "{\"Name\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        badUtf8[10] = (byte) 0xC3;
        badUtf8[11] = (byte) 0x28;
        return Stream.of(
                post("body is not JSON", "PutRule", "{\"Name\": ", 400, "SerializationException",
                        "The request body is not valid JSON at line 1"),
                post("body is a JSON array", "PutRule", "[]", 400, "SerializationException",
                        "must be a JSON object but is an array"),
                post("body is a JSON string", "ListRules", "\"Name\"", 400, "SerializationException",
                        "must be a JSON object but is a string"),
                post("two JSON documents", "ListRules", "{} {}", 400, "SerializationException",
                        "not valid JSON"),
                new Case("invalid UTF-8", "POST", "AWSEvents.DescribeEventBus", SIGNATURE, badUtf8, 400,
                        "SerializationException", "not valid JSON"),
                post("nesting deeper than EventBridge's 1000 levels", "PutEvents",
                        "{\"Entries\": " + deep + "}", 400, "SerializationException", "not valid JSON"),
                post("a string member sent as a number", "PutRule", "{\"Name\": 5}", 400,
                        "SerializationException", "Expected a string at /Name but found a number"),
                post("an event pattern sent as an object", "PutRule",
                        "{\"Name\": \"r\", \"EventPattern\": {\"source\": [\"Coherence\"]}}", 400,
                        "SerializationException", "EventPattern is JSON text in a JSON string: serialize it first"),
                post("Limit sent as a string", "ListRules", "{\"Limit\": \"5\"}", 400, "SerializationException",
                        "at /Limit but found a string"),
                post("Limit with a fraction", "ListRules", "{\"Limit\": 1.5}", 400, "SerializationException",
                        "Expected an integer from -2147483648 to 2147483647 at /Limit but found a number"),
                post("Limit beyond an integer", "ListRules", "{\"Limit\": 99999999999}", 400,
                        "SerializationException", "at /Limit"),
                post("Force sent as a string", "DeleteRule", "{\"Name\": \"r\", \"Force\": \"yes\"}", 400,
                        "SerializationException", "Expected a boolean at /Force but found a string"),
                post("Entries sent as an object", "PutEvents", "{\"Entries\": {}}", 400, "SerializationException",
                        "Expected an array at /Entries but found an object"),
                post("an entry that is a string", "PutEvents", "{\"Entries\": [\"event\"]}", 400,
                        "SerializationException", "Expected an object at /Entries/0 but found a string"),
                post("Time as an ISO string", "PutEvents", "{\"Entries\": [{\"Time\": \"2023-05-19T13:56:16Z\", "
                        + "\"Source\": \"s\", \"DetailType\": \"d\", \"Detail\": \"{}\"}]}", 400,
                        "SerializationException", "Expected a number at /Entries/0/Time but found a string"),
                post("Time beyond any instant", "PutEvents", "{\"Entries\": [{\"Time\": 1e300, \"Source\": \"s\", "
                        + "\"DetailType\": \"d\", \"Detail\": \"{}\"}]}", 400, "SerializationException",
                        "at /Entries/0/Time"),
                post("Detail sent as an object", "PutEvents", "{\"Entries\": [{\"Source\": \"s\", "
                        + "\"DetailType\": \"d\", \"Detail\": {\"a\": 1}}]}", 400, "SerializationException",
                        "at /Entries/0/Detail but found an object; Detail is JSON text in a JSON string"),
                post("Tags sent as a map", "CreateEventBus", "{\"Name\": \"b2\", \"Tags\": {\"team\": \"x\"}}", 400,
                        "SerializationException", "Expected an array at /Tags but found an object"),
                post("an InputPathsMap value that is a number", "PutTargets", "{\"Rule\": \"rule\", "
                        + "\"EventBusName\": \"bus\", \"Targets\": [{\"Id\": \"t\", \"Arn\": \"arn:aws:sqs:q\", "
                        + "\"InputTransformer\": {\"InputPathsMap\": {\"a\": 1}, \"InputTemplate\": \"<a>\"}}]}", 400,
                        "SerializationException", "at /Targets/0/InputTransformer/InputPathsMap/a"),
                post("a member name with a slash, escaped in the pointer", "PutTargets", "{\"Rule\": \"rule\", "
                        + "\"EventBusName\": \"bus\", \"Targets\": [{\"Id\": \"t\", \"Arn\": \"arn:aws:sqs:q\", "
                        + "\"InputTransformer\": {\"InputPathsMap\": {\"a/b\": []}, \"InputTemplate\": \"x\"}}]}", 400,
                        "SerializationException", "/InputPathsMap/a~1b"),
                post("PutRule without Name", "PutRule", "{\"EventPattern\": \"" + PATTERN + "\"}", 400,
                        "ValidationException", "Value null at 'name' failed to satisfy constraint: Member must not "
                                + "be null"),
                post("PutRule with an empty body", "PutRule", "", 400, "ValidationException",
                        "Value null at 'name'"),
                post("PutEvents without Entries", "PutEvents", "{}", 400, "ValidationException",
                        "Value null at 'entries' failed to satisfy constraint: Member must not be null"),
                post("a null entry", "PutEvents", "{\"Entries\": [null]}", 400, "ValidationException",
                        "Value null at 'entries.1.member'"),
                post("a null resource", "PutEvents", "{\"Entries\": [{\"Source\": \"s\", \"DetailType\": \"d\", "
                        + "\"Detail\": \"{}\", \"Resources\": [\"arn:a\", null]}]}", 400, "ValidationException",
                        "Value null at 'entries.1.member.resources.2.member'"),
                post("a target without Id", "PutTargets", "{\"Rule\": \"rule\", \"EventBusName\": \"bus\", "
                        + "\"Targets\": [{\"Arn\": \"arn:aws:sqs:us-east-1:123456789012:q\"}]}", 400,
                        "ValidationException", "Value null at 'targets.1.member.id'"),
                post("a tag without Key", "TagResource", "{\"ResourceARN\": "
                        + "\"arn:aws:events:us-east-1:123456789012:event-bus/bus\", \"Tags\": [{\"Value\": \"v\"}]}",
                        400, "ValidationException", "Value null at 'tags.1.member.key'"),
                post("a State far longer than any, quoted only in part", "PutRule", "{\"Name\": \"r\", "
                        + "\"EventPattern\": \"" + PATTERN + "\", \"State\": \"" + "E".repeat(5000) + "\"}", 400,
                        "ValidationException", "EEE... (5000 characters)' at 'state' failed to satisfy constraint"),
                new Case("an X-Amz-Target far longer than any, quoted only in part", "POST",
                        "AWSEvents." + "X".repeat(5000), SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8), 400,
                        "UnknownOperationException", "XXX... (5010 characters) is not one"),
                post("a global endpoint id", "PutEvents", "{\"EndpointId\": \"abc.xyz\", \"Entries\": "
                        + "[{\"Source\": \"s\", \"DetailType\": \"d\", \"Detail\": \"{}\"}]}", 400,
                        "ValidationException", "EndpointId abc.xyz names a global endpoint"),
                post("a NextToken the endpoint never gave", "ListRules", "{\"NextToken\": \"!!\"}", 400,
                        "ValidationException", "Parameter NextToken is not valid."),
                new Case("no X-Amz-Target", "POST", null, SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8), 400,
                        "UnknownOperationException", "The request has no X-Amz-Target header"),
                post("an EventBridge operation the endpoint does not answer", "CreateArchive", "{}", 400,
                        "UnknownOperationException", "Operation AWSEvents.CreateArchive is not one the testkit's "
                                + "EventBridge endpoint answers"),
                new Case("another service's operation", "POST", "DynamoDB_20120810.ListTables", SIGNATURE,
                        "{}".getBytes(StandardCharsets.UTF_8), 400, "UnknownOperationException",
                        "Operation DynamoDB_20120810.ListTables is not one"),
                new Case("GET /", "GET", null, null, new byte[0], 400, "UnknownOperationException",
                        "GET is not an EventBridge request"),
                new Case("an unsigned request", "POST", "AWSEvents.ListRules", null,
                        "{}".getBytes(StandardCharsets.UTF_8), 400, "MissingAuthenticationTokenException",
                        "Request is missing Authentication Token"),
                new Case("a Basic Authorization header", "POST", "AWSEvents.ListRules", "Basic dXNlcjpwYXNz",
                        "{}".getBytes(StandardCharsets.UTF_8), 400, "IncompleteSignatureException",
                        "is not a SigV4 signature"),
                new Case("a body shorter than its Content-Length, the client then closing its side", "POST",
                        "AWSEvents.ListRules", SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8), 400,
                        "IncompleteBody", "The request body terminated unexpectedly: the connection ended before "
                                + "the 100 bytes its Content-Length declares arrived", 100),
                post("a body over the size limit", "PutEvents", "{\"Entries\": [\"" + "x".repeat(70_000) + "\"]}",
                        413, "RequestEntityTooLargeException", "is over this endpoint's limit of 65536 bytes"),
                post("unknown members are ignored, as the service ignores them", "DescribeEventBus",
                        "{\"Name\": \"bus\", \"Colour\": \"blue\"}", 200, null, null),
                post("a JSON null member is an absent member", "DescribeEventBus", "{\"Name\": null}", 200, null,
                        null),
                post("an empty body is an empty request", "ListEventBuses", "", 200, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void answersAMalformedRequestWithAnAwsShapedError(Case c) throws Exception {
        Answer answer = c.declaredLength() >= 0 ? sendCutShort(c)
                : Answer.of(send(c.method(), c.target(), c.authorization(), c.body()));

        assertEquals(c.status(), answer.status(), answer.body());
        assertEquals("application/x-amz-json-1.1", answer.header("Content-Type"));
        assertEquals(36, answer.header("x-amzn-RequestId").length());
        JsonNode body = Json.parseOrNull(answer.body());
        assertNotNull(body, answer.body());
        if (c.type() != null) {
            assertEquals(c.type(), body.path("__type").textValue(), answer.body());
            assertTrue(body.path("message").textValue().contains(c.message()), answer.body());
        }
        assertTrue(answer.body().length() < 2048, "an error quotes the request only in part: " + answer.body());
        if (c.status() == 413 || c.declaredLength() >= 0) {
            assertEquals("close", answer.header("Connection"));
        }
        assertEquals(List.of(), endpoint.internalErrors(), "a client's mistake is never the endpoint's failure");
        assertStillServing();
    }

    /** Sends {@code c} with a {@code Content-Length} its body does not have, then closes the sending side. */
    static Answer sendCutShort(Case c) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout(10_000);
            String head = c.method() + " / HTTP/1.1\r\nHost: 127.0.0.1:" + endpoint.port() + "\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + c.target() + "\r\n"
                    + "Authorization: " + c.authorization() + "\r\nContent-Length: " + c.declaredLength()
                    + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(c.body());
            out.flush();
            socket.shutdownOutput();
            // Read to the end: the endpoint must close the connection after its answer, or this times out.
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            assertTrue(end > 0, raw);
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }

    @Test
    void answersABodyWithoutContentLengthThatGrowsOverTheLimitWith413() throws Exception {
        byte[] huge = new byte[70_000];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(endpoint.endpoint())
                .header("X-Amz-Target", "AWSEvents.PutEvents").header("Authorization", SIGNATURE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertTrue(answer.body().contains("more than 65536 bytes"), answer.body());
        assertStillServing();
    }

    @Test
    void recordsEveryMalformedRequestInTheRequestLog() throws Exception {
        endpoint.requests().clear();
        send("POST", "AWSEvents.PutRule", SIGNATURE, "[]".getBytes(StandardCharsets.UTF_8));
        send("POST", "AWSEvents.Nope", SIGNATURE, "{}".getBytes(StandardCharsets.UTF_8));

        List<RecordedRequest> records = endpoint.requests().records();
        assertEquals(2, records.size());
        assertEquals("PutRule", records.get(0).operation());
        assertEquals(400, records.get(0).statusCode());
        assertEquals("SerializationException", records.get(0).errorCode().orElseThrow());
        assertEquals("AWSEvents.Nope", records.get(1).operation());
        assertEquals("UnknownOperationException", records.get(1).errorCode().orElseThrow());
        assertEquals(1, endpoint.requests().unknownCount());
        assertEquals(1, endpoint.requests().count(EventBridgeOperation.PUT_RULE));
    }

    /**
     * Requests made from valid ones by replacing, removing or adding members with values of every JSON type, from a
     * fixed seed: whatever arrives, the answer is 200 or 400, never a 500, and the endpoint keeps serving.
     */
    @Test
    void neverAnswersAMutatedRequestWith500() throws Exception {
        // In an order in which each valid request succeeds.
        List<Map.Entry<String, String>> valid = List.of(
                Map.entry("CreateEventBus", "{\"Name\": \"fuzz\", \"Description\": \"d\", \"Tags\": [{\"Key\": \"k\", "
                        + "\"Value\": \"v\"}]}"),
                Map.entry("DescribeEventBus", "{\"Name\": \"bus\"}"),
                Map.entry("ListEventBuses", "{\"NamePrefix\": \"b\", \"Limit\": 1}"),
                Map.entry("PutRule", "{\"Name\": \"fuzz\", \"EventBusName\": \"bus\", \"EventPattern\": \""
                        + PATTERN + "\", \"State\": \"ENABLED\", \"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]}"),
                Map.entry("DescribeRule", "{\"Name\": \"rule\", \"EventBusName\": \"bus\"}"),
                Map.entry("ListRules", "{\"EventBusName\": \"bus\", \"NamePrefix\": \"r\", \"Limit\": 1}"),
                Map.entry("DisableRule", "{\"Name\": \"fuzz\", \"EventBusName\": \"bus\"}"),
                Map.entry("PutTargets", "{\"Rule\": \"rule\", \"EventBusName\": \"bus\", \"Targets\": [{\"Id\": "
                        + "\"t\", \"Arn\": \"arn:aws:sqs:us-east-1:123456789012:q\", \"InputTransformer\": "
                        + "{\"InputPathsMap\": {\"a\": \"$.account\"}, \"InputTemplate\": \"{\\\"a\\\": <a>}\"}, "
                        + "\"RetryPolicy\": {\"MaximumRetryAttempts\": 1, \"MaximumEventAgeInSeconds\": 60}, "
                        + "\"DeadLetterConfig\": {\"Arn\": \"arn:aws:sqs:us-east-1:123456789012:dlq\"}}]}"),
                Map.entry("ListTargetsByRule", "{\"Rule\": \"rule\", \"EventBusName\": \"bus\", \"Limit\": 1}"),
                Map.entry("ListRuleNamesByTarget", "{\"TargetArn\": \"arn:aws:sqs:us-east-1:123456789012:q\", "
                        + "\"EventBusName\": \"bus\"}"),
                Map.entry("PutEvents", "{\"Entries\": [{\"Time\": 1684504576, \"Source\": \"Coherence\", "
                        + "\"Resources\": [\"arn:r\"], \"DetailType\": \"new_environments\", \"Detail\": "
                        + "\"{\\\"a\\\": 1}\", \"EventBusName\": \"bus\", \"TraceHeader\": \"t\"}]}"),
                Map.entry("TestEventPattern", "{\"EventPattern\": \"" + PATTERN + "\", \"Event\": "
                        + "\"{\\\"id\\\": \\\"1\\\", \\\"account\\\": \\\"1\\\", \\\"source\\\": \\\"Coherence\\\", "
                        + "\\\"time\\\": \\\"t\\\", \\\"region\\\": \\\"r\\\", \\\"detail-type\\\": \\\"d\\\"}\"}"),
                Map.entry("TagResource", "{\"ResourceARN\": \"arn:aws:events:us-east-1:123456789012:event-bus/bus\", "
                        + "\"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]}"),
                Map.entry("ListTagsForResource", "{\"ResourceARN\": "
                        + "\"arn:aws:events:us-east-1:123456789012:event-bus/bus\"}"),
                Map.entry("UntagResource", "{\"ResourceARN\": "
                        + "\"arn:aws:events:us-east-1:123456789012:event-bus/bus\", \"TagKeys\": [\"k\"]}"),
                Map.entry("RemoveTargets", "{\"Rule\": \"rule\", \"EventBusName\": \"bus\", \"Ids\": [\"t\"]}"),
                Map.entry("DeleteRule", "{\"Name\": \"fuzz\", \"EventBusName\": \"bus\", \"Force\": false}"));
        Random random = new Random(20261127);
        for (Map.Entry<String, String> request : valid) {
            HttpResponse<String> answer = send("POST", "AWSEvents." + request.getKey(), SIGNATURE,
                    request.getValue().getBytes(StandardCharsets.UTF_8));
            assertEquals(200, answer.statusCode(), request.getKey() + " " + answer.body());
        }
        assertEquals(EventBridgeOperation.values().length - 2, valid.size(), "all but EnableRule and DeleteEventBus");
        int sent = 0;
        for (int round = 0; round < 12; round++) {
            for (Map.Entry<String, String> entry : valid) {
                String operation = entry.getKey();
                ObjectNode request = (ObjectNode) Json.parseOrNull(entry.getValue());
                mutate(request, random);
                byte[] body = Json.write(request).getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> answer = send("POST", "AWSEvents." + operation, SIGNATURE, body);
                sent++;
                assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400,
                        operation + " " + Json.write(request) + " -> " + answer.statusCode() + " " + answer.body());
                assertTrue(answer.statusCode() == 200 || answer.body().length() < 4096,
                        "an error quotes the request only in part: " + answer.body());
            }
        }
        assertEquals(12 * valid.size(), sent);
        assertEquals(List.of(), endpoint.internalErrors());
        assertStillServing();
    }

    /** Replaces, removes or adds one member somewhere in the request with a value of a random JSON type. */
    static void mutate(ObjectNode request, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(request, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        int action = random.nextInt(3);
        if (action == 0 && !names.isEmpty()) {
            target.remove(names.get(random.nextInt(names.size())));
        } else {
            String name = action == 1 && !names.isEmpty() ? names.get(random.nextInt(names.size()))
                    : List.of("Name", "Limit", "Entries", "Targets", "Tags", "Id", "Detail", "Time").get(
                            random.nextInt(8));
            target.set(name, randomValue(random));
        }
    }

    static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node.isObject()) {
            objects.add((ObjectNode) node);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collect(children.next(), objects);
        }
    }

    static JsonNode randomValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (random.nextInt(12)) {
            case 0:
                return f.nullNode();
            case 1:
                return f.booleanNode(random.nextBoolean());
            case 2:
                return f.numberNode(random.nextInt(Integer.MAX_VALUE) - 5);
            case 3:
                return f.numberNode(random.nextDouble() * 1e20);
            case 4:
                return f.textNode("");
            case 5:
                return f.textNode("x".repeat(random.nextInt(5000)));
            case 6:
                return f.textNode("{\"source\": [{\"prefix\": \"\"}]}");
            case 7:
                return f.objectNode().put("Key", "k");
            case 8: {
                ArrayNode array = f.arrayNode();
                array.add(f.nullNode()).add(1).add("s").addObject();
                return array;
            }
            case 9:
                return f.arrayNode();
            case 10:
                return f.numberNode(-1L);
            default:
                return f.textNode("\u0000\uD83D\uDE00<>&\"");
        }
    }

    /**
     * The endpoint answers whichever Region signs a request, but, as EventBridge, refuses a request that names a bus or
     * rule by an ARN of another Region ("Cross-region api call is not allowed.", AWS-recorded for PutRule).
     */
    @Test
    void refusesABusArnOfAnotherRegionThanTheSignatureAndServesItsOwnRegion() {
        String virginia = "arn:aws:events:us-east-1:123456789012:event-bus/bus";
        String ireland = "arn:aws:events:eu-west-1:123456789012:event-bus/bus";
        try (EventBridgeClient east = regional(Region.US_EAST_1); EventBridgeClient west = regional(Region.EU_WEST_1)) {
            for (Executable call : List.<Executable>of(
                    () -> east.describeEventBus(b -> b.name(ireland)),
                    () -> east.putRule(b -> b.name("r2").eventBusName(ireland).eventPattern("{\"source\":[\"x\"]}")),
                    () -> east.listRules(b -> b.eventBusName(ireland)),
                    () -> east.listTagsForResource(b -> b.resourceARN(
                            "arn:aws:events:eu-west-1:123456789012:rule/bus/rule")),
                    () -> west.listTargetsByRule(b -> b.eventBusName(virginia).rule("rule")))) {
                EventBridgeException e = assertThrows(EventBridgeException.class, call);
                assertEquals("ValidationException", e.awsErrorDetails().errorCode());
                assertEquals("Cross-region api call is not allowed.", e.awsErrorDetails().errorMessage());
                assertEquals(400, e.statusCode());
            }
            assertEquals("bus", east.describeEventBus(b -> b.name(virginia)).name());
            assertEquals("bus", west.describeEventBus(b -> b.name(ireland)).name());
            assertEquals(List.of("rule"), west.listRules(b -> b.eventBusName(ireland)).rules().stream()
                    .map(software.amazon.awssdk.services.eventbridge.model.Rule::name).toList());
        }
        assertEquals(List.of("rule"), endpoint.bridge().listRules("bus").stream().map(Rule::name).toList(),
                "nothing was written");
    }

    private static EventBridgeClient regional(Region region) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTKIT",
                        "not-a-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static HttpResponse<String> send(String method, String target, String authorization, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.endpoint() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertStillServing() throws Exception {
        HttpResponse<String> answer = send("POST", "AWSEvents.DescribeEventBus", SIGNATURE,
                "{\"Name\": \"bus\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
