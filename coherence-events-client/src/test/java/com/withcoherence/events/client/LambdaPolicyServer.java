package com.withcoherence.events.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The three calls of Lambda's REST-JSON API (2015-03-31) the client makes, AddPermission, GetPolicy and
 * RemovePermission, served on the loopback interface for the real {@link LambdaClient}: no Lambda emulator exists
 * here. It keeps each function's policy statements as Lambda does, answers Lambda's errors (404
 * ResourceNotFoundException for no policy or statement, 409 ResourceConflictException for a duplicate statement id)
 * and can inject failures. It knows nothing of the client under test.
 */
final class LambdaPolicyServer implements AutoCloseable {

    private static final String PREFIX = "/2015-03-31/functions/";

    private final HttpServer server;
    private final Map<String, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<String[]> faults = new ArrayDeque<>();

    LambdaPolicyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    LambdaClient client() {
        return LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The requests served, as {@code METHOD path?query} with the path decoded. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The next request fails with this HTTP status and Lambda error type. */
    synchronized void failNext(int status, String type, String message) {
        faults.add(new String[] {Integer.toString(status), type, message});
    }

    /** The statements of a function's (possibly qualified) policy, by id. */
    synchronized Map<String, ObjectNode> policy(String function) {
        return Map.copyOf(policies.getOrDefault(function, Map.of()));
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getQuery();
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            String qualifier = query != null && query.startsWith("Qualifier=") ? query.substring(10) : null;
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] fault = faults.poll();
            if (fault != null) {
                error(exchange, Integer.parseInt(fault[0]), fault[1], fault[2]);
                return;
            }
            if (!path.startsWith(PREFIX) || !path.contains("/policy")) {
                error(exchange, 404, "UnknownOperationException", "Unknown operation " + path);
                return;
            }
            String rest = path.substring(PREFIX.length());
            String function = rest.substring(0, rest.indexOf("/policy"));
            String key = qualifier == null ? function : function + ":" + qualifier;
            Map<String, ObjectNode> statements = policies.computeIfAbsent(key, k -> new LinkedHashMap<>());
            switch (exchange.getRequestMethod()) {
                case "POST": {
                    JsonNode request = Validation.JSON.readTree(body);
                    String sid = request.path("StatementId").asText();
                    if (statements.containsKey(sid)) {
                        error(exchange, 409, "ResourceConflictException", "The statement id (" + sid + ") provided "
                                + "already exists. Please provide a new statement id, or remove the existing "
                                + "statement.");
                        return;
                    }
                    ObjectNode statement = JsonNodeFactory.instance.objectNode();
                    statement.put("Sid", sid).put("Effect", "Allow");
                    statement.putObject("Principal").put("Service", request.path("Principal").asText());
                    statement.put("Action", request.path("Action").asText()).put("Resource", key);
                    if (request.has("SourceArn")) {
                        statement.putObject("Condition").putObject("ArnLike")
                                .put("AWS:SourceArn", request.path("SourceArn").asText());
                    }
                    statements.put(sid, statement);
                    ObjectNode response = JsonNodeFactory.instance.objectNode();
                    response.put("Statement", statement.toString());
                    send(exchange, 201, response.toString());
                    return;
                }
                case "GET": {
                    if (statements.isEmpty()) {
                        error(exchange, 404, "ResourceNotFoundException", "The resource you requested does not exist.");
                        return;
                    }
                    ObjectNode policy = JsonNodeFactory.instance.objectNode();
                    policy.put("Version", "2012-10-17").put("Id", "default");
                    ArrayNode list = policy.putArray("Statement");
                    statements.values().forEach(list::add);
                    ObjectNode response = JsonNodeFactory.instance.objectNode();
                    response.put("Policy", policy.toString()).put("RevisionId", "r-" + statements.size());
                    send(exchange, 200, response.toString());
                    return;
                }
                case "DELETE": {
                    String sid = rest.substring(rest.indexOf("/policy/") + "/policy/".length());
                    if (statements.remove(sid) == null) {
                        error(exchange, 404, "ResourceNotFoundException", "No policy is associated with the given "
                                + "resource.");
                        return;
                    }
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                default:
                    error(exchange, 405, "UnknownOperationException", exchange.getRequestMethod());
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Type", "User").put("message", message);
        send(exchange, status, body.toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "lambda-req-" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
