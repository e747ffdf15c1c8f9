package com.withcoherence.events.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * moto's EventBridge ({@code moto_server}, an independent emulator of AWS, when it is installed; the tests that use it
 * are skipped otherwise), behind a {@link FaultProxy} that counts the client's calls and injects faults. moto delivers
 * to SQS queues it emulates, which {@link #deliveredTo(String)} reads; it cannot deliver to Lambda functions that do
 * not exist in it (PutEvents then fails with HTTP 500), so the tests bind Lambda targets only where they publish
 * nothing.
 */
final class MotoBackend implements Backend {

    private static MotoBackend server;

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();
    private final FaultProxy proxy;

    private MotoBackend(Process process, URI endpoint, FaultProxy proxy) {
        this.process = process;
        this.endpoint = endpoint;
        this.proxy = proxy;
    }

    /** Whether {@code moto_server} is on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "moto_server"))) {
                return true;
            }
        }
        return false;
    }

    /** A new proxy in front of the one moto_server of the test run, started on first use on a free loopback port. */
    static synchronized MotoBackend start() throws Exception {
        if (server == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            MotoBackend backend = new MotoBackend(process, URI.create("http://127.0.0.1:" + port), null);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            backend.awaitReady();
            server = backend;
        }
        return new MotoBackend(server.process, server.endpoint, new FaultProxy(server.endpoint));
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("moto_server did not start", e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public URI endpoint() {
        return proxy.uri();
    }

    @Override
    public URI uncounted() {
        return endpoint;
    }

    @Override
    public String name() {
        return "moto_server";
    }

    @Override
    public void reset() throws Exception {
        http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers
                .noBody()).build(), HttpResponse.BodyHandlers.discarding());
        try (EventBridgeClient eventBridge = CoherenceEventsClientTest.eventBridge(uncounted())) {
            eventBridge.createEventBus(r -> r.name(Fixtures.BUS));
        }
        sqs("CreateQueue", "{\"QueueName\":\"" + queueName(Fixtures.QUEUE) + "\"}");
        proxy.clear();
    }

    @Override
    public List<String> operations() {
        return proxy.operations();
    }

    @Override
    public void clearRequests() {
        proxy.clear();
    }

    @Override
    public void throttle(String operation, int calls) {
        proxy.throttle(operation, calls);
    }

    @Override
    public void failEntries(String operation, String errorCode, int calls, int... indexes) {
        proxy.failEntries(operation, errorCode, calls, indexes);
    }

    @Override
    public boolean observes(String targetArn) {
        return SubscriptionTarget.Kind.of(targetArn) == SubscriptionTarget.Kind.SQS;
    }

    @Override
    public List<String> deliveredTo(String targetArn) throws Exception {
        String queueUrl = endpoint + "/" + Fixtures.ACCOUNT + "/" + queueName(targetArn);
        List<String> bodies = new ArrayList<>();
        while (true) {
            JsonNode response = Validation.JSON.readTree(sqs("ReceiveMessage", "{\"QueueUrl\":\"" + queueUrl
                    + "\",\"MaxNumberOfMessages\":10,\"VisibilityTimeout\":3600}"));
            if (response.path("Messages").isEmpty()) {
                return bodies;
            }
            response.path("Messages").forEach(m -> bodies.add(m.path("Body").asText()));
        }
    }

    private static String queueName(String queueArn) {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    /** Calls moto's SQS with the JSON protocol; the credential scope routes the request to SQS. */
    private String sqs(String action, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AmazonSQS." + action)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261127/" + Fixtures.REGION
                        + "/sqs/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto SQS " + action + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        // moto_server is shared by the test run and stopped by the shutdown hook; the proxy is this test's.
        proxy.close();
    }
}
