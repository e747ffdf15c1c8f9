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
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP proxy in front of moto's EventBridge (AWS JSON 1.1) that counts the operations the SDK sends and
 * injects the failures AWS produces, as the testkit's {@code LocalEventBridge} does for itself: a throttled call (HTTP
 * 400 {@code ThrottlingException}), and entries of PutEvents and PutTargets failed in an HTTP 200 response
 * ({@code FailedEntryCount}). A failed entry is not forwarded, so moto never sees it, as AWS never processed it.
 */
final class FaultProxy implements AutoCloseable {

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> operations = new ArrayList<>();
    private final Map<String, Integer> throttled = new HashMap<>();
    private final Map<String, EntryFault> entryFaults = new HashMap<>();

    /** Entries to fail at these positions, with this code, for the next {@code calls} calls. */
    private static final class EntryFault {
        final String code;
        final int[] entries;
        int calls;

        EntryFault(String code, int calls, int[] entries) {
            this.code = code;
            this.calls = calls;
            this.entries = entries.clone();
        }
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

    synchronized void clear() {
        operations.clear();
    }

    /** The next {@code calls} calls of {@code operation} are answered HTTP 400 ThrottlingException. */
    synchronized void throttle(String operation, int calls) {
        throttled.merge(operation, calls, Integer::sum);
    }

    /** In the next {@code calls} calls of {@code operation}, the entries at these positions fail with this code. */
    synchronized void failEntries(String operation, String code, int calls, int... entries) {
        entryFaults.put(operation, new EntryFault(code, calls, entries));
    }

    private synchronized boolean takeThrottle(String operation) {
        Integer left = throttled.get(operation);
        if (left == null) {
            return false;
        }
        if (left == 1) {
            throttled.remove(operation);
        } else {
            throttled.put(operation, left - 1);
        }
        return true;
    }

    private synchronized EntryFault takeEntryFault(String operation) {
        EntryFault fault = entryFaults.get(operation);
        if (fault != null && --fault.calls == 0) {
            entryFaults.remove(operation);
        }
        return fault;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "?" : target.substring(target.indexOf('.') + 1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (this) {
                operations.add(operation);
            }
            if (takeThrottle(operation)) {
                send(exchange, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                return;
            }
            EntryFault fault = takeEntryFault(operation);
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
    private void failEntries(HttpExchange exchange, String operation, byte[] body, EntryFault fault)
            throws IOException {
        ObjectNode request = (ObjectNode) Validation.JSON.readTree(body);
        String list = operation.equals("PutTargets") ? "Targets" : "Entries";
        ArrayNode all = (ArrayNode) request.get(list);
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            if (Arrays.stream(fault.entries).anyMatch(e -> e == index)) {
                failed.add(i);
            } else {
                kept.add(all.get(i));
            }
        }
        String message = fault.code + " injected by the test";
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
                    entries.addObject().put("ErrorCode", fault.code).put("ErrorMessage", message);
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
                entries.addObject().put("TargetId", all.get(i).path("Id").asText()).put("ErrorCode", fault.code)
                        .put("ErrorMessage", message);
            }
        }
        send(exchange, 200, Validation.JSON.writeValueAsString(answer));
    }

    private record Response(int status, String body, String errorType) {
    }

    private Response forward(HttpExchange exchange, byte[] body) throws IOException {
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
