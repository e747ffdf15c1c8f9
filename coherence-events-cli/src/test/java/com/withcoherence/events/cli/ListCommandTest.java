package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.testkit.RuleDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    private final LoopbackEndpoint aws = new LoopbackEndpoint();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void marksTheRulesCoherenceEventsManages() {
        CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule", "ours",
                "--target", "arn:aws:sqs:us-east-1:123456789012:provisioner");
        aws.bridge.putRule(RuleDefinition.of("theirs", LoopbackEndpoint.BUS, "{\"source\": [\"Coherence\"]}"));

        CliRun run = CliRun.of("list", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("* ours  ENABLED"), run.out());
        assertTrue(run.out().contains("  theirs  ENABLED"), run.out());
        assertTrue(run.out().contains("-> provisioner  arn:aws:sqs:us-east-1:123456789012:provisioner"), run.out());
    }

    @Test
    void saysWhenTheBusHasNoRules() {
        CliRun run = CliRun.of("list", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("no rules on"), run.out());
    }

    @Test
    void refusesAnEndpointUrlWithoutSchemeAsAUsageErrorBeforeCallingAnything() {
        CliRun run = CliRun.of("list", "--endpoint-url", "localhost:4010", "--bus", LoopbackEndpoint.BUS);

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: --endpoint-url localhost:4010 is not an http(s) URL; write "
                + "http://localhost:4010.", run.err().lines().findFirst().orElseThrow());
        assertFalse(run.err().contains("unexpectedly"), run.err());
        assertFalse(run.err().contains("Region"), "a loopback URL needs no Region: " + run.err());
    }

    @Test
    void namesTheEndpointItCannotReachAndWhatToCheck() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        CliRun run = CliRun.of("list", "--endpoint-url", url, "--bus", LoopbackEndpoint.BUS);

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: listing rules failed: cannot reach EventBridge at " + url + ": the connection "
                + "was refused. Is 'coherence-events serve' (or your emulator) running on port " + closedPort
                + "? Otherwise check --endpoint-url.", run.err().strip());
    }

    @Test
    void advisesTheBusOptionNotAJavaMethodForABadBusName() {
        CliRun run = CliRun.of("list", "--endpoint-url", aws.url(), "--bus", "bad bus!");

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: The bus is invalid (1 problem); nothing was sent to AWS: --bus: the bus name "
                + "'bad bus!' has the character ' ' at index 3; EventBridge bus names use only A-Z, a-z, 0-9, '.', '-' "
                + "and '_'. To name a bus by ARN, pass the whole ARN to --bus "
                + "(arn:aws:events:REGION:ACCOUNT:event-bus/NAME).", run.err().strip());
    }
}
