package com.withcoherence.events.benchmarks.endpoint;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code moto_server} (moto's emulator of AWS, run by Python) on a free loopback port, started by the benchmark in the
 * same run as the loopback endpoint it is compared with, and stopped with it.
 *
 * <p>Not thread-safe; {@link #cpuNanos()} may be read from any thread.
 */
final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The {@code moto_server} executable on the PATH, if there is one. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code moto_server -H 127.0.0.1 -p PORT} and waits (up to 30 s) until it answers. */
    static MotoServer start(Path executable) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("moto_server did not start on " + endpoint, e);
                }
                Thread.sleep(100);
            }
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Creates an SQS queue in moto (a rule target moto can deliver to), with SQS's JSON protocol. */
    void createQueue(String name, String region) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AmazonSQS.CreateQueue")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261127/" + region
                        + "/sqs/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("moto's SQS CreateQueue answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /**
     * CPU time (user + system) moto's process has used so far, from {@code /proc}; -1 where that cannot be read.
     * The Python process is the one started: pyenv's shims end in {@code exec}.
     */
    long cpuNanos() {
        return ProcessCpu.ofPid(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
