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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A loopback HTTP proxy in front of an EventBridge endpoint (AWS JSON 1.1) that counts the operations the SDK sends
 * and injects the failures AWS produces: a throttled call (HTTP 400 {@code ThrottlingException}), and entries of
 * PutEvents, PutTargets and RemoveTargets failed in an HTTP 200 response ({@code FailedEntryCount}). A failed entry is
 * not forwarded, so the endpoint behind never sees it, as AWS never processed it. Without an endpoint behind it,
 * every forwarded request is answered HTTP 500, which makes it a counter that proves no call was made.
 */
final class FaultProxy implements AutoCloseable {

    /** Operations that change nothing on AWS. */
    private static final Set<String> READS = Set.of("DescribeEventBus", "DescribeRule", "ListRules",
            "ListTargetsByRule", "ListTagsForResource", "ListEventBuses", "TestEventPattern");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> operations = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();

    /** A failure to inject into the next request of an operation. */
    private record Fault(String operation, String code, String message, int[] entries) {
    }

    FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The operations received, in order (the part of X-Amz-Target after {@code AWSEvents.}). */
    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    /** The operations received that write, in order. */
    synchronized List<String> writes() {
        return operations.stream().filter(op -> !READS.contains(op)).toList();
    }

    synchronized void clear() {
        operations.clear();
    }

    /** The next call of {@code operation} is answered HTTP 400 ThrottlingException. */
    synchronized FaultProxy throttleNext(String operation) {
        faults.add(new Fault(operation, "ThrottlingException", "Rate exceeded", null));
        return this;
    }

    /** In the next call of {@code operation}, the entries at these positions fail with this code. */
    synchronized FaultProxy failEntriesNext(String operation, String code, int... entries) {
        faults.add(new Fault(operation, code, code + " injected by the test", entries));
        return this;
    }

    private synchronized Fault takeFault(String operation) {
        for (Fault fault : faults) {
            if (fault.operation().equals(operation)) {
                faults.remove(fault);
                return fault;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "?" : target.substring(target.indexOf('.') + 1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (this) {
                operations.add(operation);
            }
            Fault fault = takeFault(operation);
            if (fault != null && fault.entries() == null) {
                send(exchange, 400, "{\"__type\":\"" + fault.code() + "\",\"message\":\"" + fault.message() + "\"}");
                return;
            }
            if (fault == null) {
                Response response = forward(exchange, body);
                if (response.errorType != null) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", response.errorType);
                }
                send(exchange, response.status, response.body);
                return;
            }
            failEntries(exchange, operation, body, fault);
        }
    }

    /** Forwards what is not failed, then answers as AWS does for a partial failure. */
    private void failEntries(HttpExchange exchange, String operation, byte[] body, Fault fault) throws IOException {
        ObjectNode request = (ObjectNode) Validation.JSON.readTree(body);
        String list = operation.equals("RemoveTargets") ? "Ids" : operation.equals("PutTargets") ? "Targets"
                : "Entries";
        ArrayNode all = (ArrayNode) request.get(list);
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            if (java.util.Arrays.stream(fault.entries()).anyMatch(e -> e == index)) {
                failed.add(i);
            } else {
                kept.add(all.get(i));
            }
        }
        JsonNode forwarded = null;
        if (!kept.isEmpty()) {
            request.set(list, kept);
            Response response = forward(exchange, Validation.JSON.writeValueAsBytes(request));
            if (response.status != 200) {
                send(exchange, response.status, response.body);
                return;
            }
            forwarded = Validation.JSON.readTree(response.body);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        int failedCount = failed.size() + (forwarded == null ? 0 : forwarded.path("FailedEntryCount").asInt());
        answer.put("FailedEntryCount", failedCount);
        if (operation.equals("PutEvents")) {
            ArrayNode entries = answer.putArray("Entries");
            int next = 0;
            for (int i = 0; i < all.size(); i++) {
                if (failed.contains(i)) {
                    entries.addObject().put("ErrorCode", fault.code()).put("ErrorMessage", fault.message());
                } else {
                    entries.add(forwarded.path("Entries").get(next++));
                }
            }
        } else {
            ArrayNode entries = answer.putArray("FailedEntries");
            if (forwarded != null) {
                forwarded.path("FailedEntries").forEach(entries::add);
            }
            for (int i : failed) {
                String id = operation.equals("RemoveTargets") ? all.get(i).asText() : all.get(i).path("Id").asText();
                entries.addObject().put("TargetId", id).put("ErrorCode", fault.code())
                        .put("ErrorMessage", fault.message());
            }
        }
        send(exchange, 200, Validation.JSON.writeValueAsString(answer));
    }

    private record Response(int status, String body, String errorType) {
    }

    private Response forward(HttpExchange exchange, byte[] body) throws IOException {
        if (upstream == null) {
            return new Response(500, "{\"__type\":\"InternalException\",\"message\":\"no endpoint behind the proxy\"}",
                    null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Content-Type", "X-Amz-Target", "X-Amz-Date", "Authorization")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "proxy-" + System.nanoTime());
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
