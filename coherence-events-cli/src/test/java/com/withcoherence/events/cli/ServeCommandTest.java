package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class ServeCommandTest {

    private static final String BUS = "12309ijsdf-your-app-name-coherence-events";

    @Test
    void printsWhereItListensThenOneJsonLinePerDelivery() throws Exception {
        Instant started = Instant.now();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> Main.run(new Main.Io(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true)),
                "serve", "--port", "0", "--bus", BUS, "--for", "60", "--exit-after-deliveries", "1"));
        URI endpoint = awaitListening(out);

        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            events.putRule(b -> b.name("new").eventBusName(BUS)
                    .eventPattern("{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}"));
            events.putTargets(b -> b.rule("new").eventBusName(BUS)
                    .targets(t -> t.id("log-events").arn("arn:aws:lambda:us-east-1:123456789012:function:log-events")));
            events.putEvents(b -> b.entries(e -> e.eventBusName(BUS).source("Coherence").detailType("new_environments")
                    .detail(com.withcoherence.events.model.CoherenceEvents.detailJson(
                            CoherenceFixtures.documentedNewEnvironments()))));
        }

        assertEquals(0, serving.get().intValue(), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("listening on " + endpoint, lines.get(0));
        JsonNode delivery = new ObjectMapper().readTree(lines.get(1));
        assertEquals(BUS, delivery.get("bus").asText());
        assertEquals("new", delivery.get("rule").asText());
        assertEquals("log-events", delivery.get("target").asText());
        assertEquals("another-test-env",
                delivery.get("input").get("detail").get("new_environments").get(0).get("environment_name").asText());
        assertEquals(2, lines.size(), out.toString());
        // Put without Time, the event is stamped when it arrived: serve's clock follows the wall clock.
        Instant stamped = Instant.parse(delivery.get("input").get("time").asText());
        assertTrue(!stamped.isBefore(started.minusSeconds(1)) && !stamped.isAfter(Instant.now().plusSeconds(1)),
                () -> "stamped " + stamped + ", served from " + started);
        assertTrue(err.toString().contains("stopped after 1 deliveries"), err.toString());
    }

    @Test
    void countsEveryDeliveryAndPrintsItsSummaryWhenStoppedBySigterm() throws Exception {
        try (ServeProcess serve = ServeProcess.start()) {
            try (EventBridgeClient events = client(serve.endpoint)) {
                routeNewEnvironmentsTo(events, "arn:aws:lambda:us-east-1:123456789012:function:log-events");
                events.putEvents(b -> b.entries(newEnvironmentsEntry()));
            }
            JsonNode delivery = new ObjectMapper().readTree(serve.nextLine());
            assertEquals("log-events", delivery.get("target").asText());

            // SIGTERM, like Ctrl-C's SIGINT: the JVM runs its shutdown hooks. Through the handle, because
            // Process.destroy() also closes our ends of the child's pipes and what it prints last would be lost.
            serve.process.toHandle().destroy();

            assertTrue(serve.process.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
            assertTrue(serve.err().contains("coherence-events: stopped after 1 deliveries"), serve.errNow());
        }
    }

    @Test
    void clientsThatSendHalfARequestNoLongerBlockTheOthers() throws Exception {
        try (ServeProcess serve = ServeProcess.start()) {
            List<java.net.Socket> stalled = new java.util.ArrayList<>();
            try {
                // More than the endpoint's worker threads: each stalled request held one worker, for ever.
                for (int i = 0; i < 2 * com.withcoherence.events.testkit.LocalEventBridge.DEFAULT_WORKER_THREADS; i++) {
                    java.net.Socket socket = new java.net.Socket(serve.endpoint.getHost(), serve.endpoint.getPort());
                    String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.ListEventBuses\r\n";
                    socket.getOutputStream().write((i % 2 == 0 ? head
                            : head + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    stalled.add(socket);
                }
                try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(serve.endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)))
                        .build()) {
                    // Answered once the server has closed the stalled connections (after 5 s, Main.MAX_REQUEST_SECONDS).
                    assertEquals(List.of(BUS), events.listEventBuses(b -> b.namePrefix("12309"))
                            .eventBuses().stream().map(bus -> bus.name()).toList());
                }
            } finally {
                for (java.net.Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    private static EventBridgeClient client(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void routeNewEnvironmentsTo(EventBridgeClient events, String targetArn) {
        events.putRule(b -> b.name("new").eventBusName(BUS)
                .eventPattern("{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}"));
        events.putTargets(b -> b.rule("new").eventBusName(BUS).targets(t -> t.id("log-events").arn(targetArn)));
    }

    private static java.util.function.Consumer<PutEventsRequestEntry.Builder> newEnvironmentsEntry() {
        return e -> e.eventBusName(BUS).source("Coherence").detailType("new_environments")
                .detail(com.withcoherence.events.model.CoherenceEvents.detailJson(
                        CoherenceFixtures.documentedNewEnvironments()));
    }

    /**
     * {@code coherence-events serve} in a JVM of its own, as users run it: with the start-up of {@link Main#main},
     * its own HTTP server settings and real signals.
     */
    private static final class ServeProcess implements AutoCloseable {

        final Process process;
        final URI endpoint;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer err = new StringBuffer();
        private final Thread errReader;

        private ServeProcess(Process process) throws Exception {
            this.process = process;
            Thread outReader = new Thread(() -> drain(process.getInputStream(), lines::add), "serve-stdout");
            errReader = new Thread(() -> drain(process.getErrorStream(), line -> err.append(line).append('\n')),
                    "serve-stderr");
            outReader.setDaemon(true);
            errReader.setDaemon(true);
            outReader.start();
            errReader.start();
            String first = nextLine();
            assertTrue(first.startsWith("listening on "), first);
            this.endpoint = URI.create(first.substring("listening on ".length()).strip());
        }

        static ServeProcess start() throws Exception {
            assumeFalse(System.getProperty("os.name").startsWith("Windows"), "SIGTERM is a Unix signal");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            return new ServeProcess(new ProcessBuilder(javaBin, "-cp", classPath, Main.class.getName(), "serve",
                    "--port", "0", "--bus", BUS).start());
        }

        private static void drain(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
            try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream,
                    StandardCharsets.UTF_8))) {
                reader.lines().forEach(sink);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // The process ended.
            }
        }

        String nextLine() throws InterruptedException {
            String line = lines.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("serve printed nothing for 30 s; stderr: " + err);
            }
            return line;
        }

        String errNow() {
            return err.toString();
        }

        String err() throws InterruptedException {
            errReader.join(10_000);
            return err.toString();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void reportsAPortInUse() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("serve", "--port", String.valueOf(taken.getLocalPort()), "--for", "1");

            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("is in use"), run.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "70000"})
    void refusesANumberThatIsNotAPortAsAUsageError(String port) {
        CliRun run = CliRun.of("serve", "--port", port, "--for", "1");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("coherence-events: --port " + port + " is not a TCP port; pass one from 1 to 65535, or 0 for any "
                + "free port." + System.lineSeparator() + "Try 'coherence-events serve --help'.", run.err().strip());
    }

    private static URI awaitListening(StringWriter out) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            String text = out.toString();
            if (text.startsWith("listening on ") && text.contains("\n")) {
                return URI.create(text.substring("listening on ".length(), text.indexOf('\n')).strip());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("serve did not print where it listens: " + out);
    }
}
