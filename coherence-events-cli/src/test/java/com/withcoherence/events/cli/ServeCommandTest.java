package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class ServeCommandTest {

    private static final String BUS = "12309ijsdf-your-app-name-coherence-events";

    @Test
    void printsWhereItListensThenOneJsonLinePerDelivery() throws Exception {
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
