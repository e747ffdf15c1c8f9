package com.withcoherence.events.benchmarks.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The floor of the endpoint benchmark: the JDK's HTTP server, set up as {@code LocalEventBridge} sets it up (loopback,
 * {@code sun.net.httpserver.nodelay}, a pool of worker threads), answering every request with the same successful
 * PutEvents answer and doing nothing else. What the SDK client and the loopback transport cost on their own.
 *
 * <p>Not thread-safe to start or close; it answers from its worker threads.
 */
final class CannedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final byte[] answer;

    CannedServer(int entries, int workerThreads) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        StringBuilder body = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
        for (int i = 0; i < entries; i++) {
            body.append(i == 0 ? "" : ",").append("{\"EventId\":\"00000000-0000-4000-8000-").append(
                    String.format(java.util.Locale.ROOT, "%012d", i)).append("\"}");
        }
        this.answer = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.workers = Executors.newFixedThreadPool(workerThreads, runnable -> {
            Thread thread = new Thread(runnable, "canned-server");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::answer);
        server.setExecutor(workers);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
        exchange.close();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
