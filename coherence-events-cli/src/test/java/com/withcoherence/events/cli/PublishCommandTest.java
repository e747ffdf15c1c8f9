package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.RuleDefinition;
import com.withcoherence.events.testkit.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {

    private static final String LOG_EVENTS = "arn:aws:lambda:us-east-1:123456789012:function:log-events";

    private final LoopbackEndpoint aws = new LoopbackEndpoint();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void publishesTheDocumentedEventsAndOnlyTheNewOneReachesTheConsoleRule() {
        aws.bridge.putRule(RuleDefinition.of("new", LoopbackEndpoint.BUS,
                "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}"));
        aws.bridge.putTargets(LoopbackEndpoint.BUS, "new", List.of(Target.of("log-events", LOG_EVENTS)));
        Path created = SampleFiles.newEnvironments(dir);
        Path valid = SampleFiles.validEnvironments(dir);

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS,
                created.toString(), valid.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith(created + ": accepted as "), run.out());
        assertTrue(lines.get(1).startsWith(valid + ": accepted as "), run.out());
        assertEquals(List.of(CoherenceFixtures.documentedNewEnvironments().environments()),
                aws.bridge.deliveryLog().eventsTo(LOG_EVENTS).stream()
                        .map(event -> ((com.withcoherence.events.model.NewEnvironmentsEvent) event).environments())
                        .toList());
    }

    @Test
    void publishesNothingWhenAFileIsNotACoherenceEvent() {
        Path bad = SampleFiles.write(dir, "bad.json", "{\"source\": \"aws.ec2\"}");

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS,
                SampleFiles.newEnvironments(dir).toString(), bad.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("bad.json") && run.err().contains("Nothing was published"), run.err());
        assertEquals(0, aws.endpoint.requests().total());
    }

    @Test
    void callsTheRegionOfABusGivenByArn() {
        // The loopback endpoint answers whatever Region signs the request; the client refuses a bus ARN of another
        // Region than the one the CLI calls, so publishing succeeds only if the CLI took the Region from the ARN.
        String busArn = "arn:aws:events:eu-west-1:123456789012:event-bus/" + LoopbackEndpoint.BUS;

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", busArn,
                SampleFiles.newEnvironments(dir).toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(": accepted as "), run.out());
    }

    @Test
    void refusesARegionThatIsNotTheBusArnsBeforeAnyCall() {
        String busArn = "arn:aws:events:eu-west-1:123456789012:event-bus/" + LoopbackEndpoint.BUS;

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--region", "us-east-1", "--bus", busArn,
                SampleFiles.newEnvironments(dir).toString());

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: --region us-east-1 but the bus " + busArn + " is in eu-west-1, and "
                + "EventBridge serves a bus only in its own Region; drop --region (the bus's Region is used) or pass "
                + "the bus of us-east-1.", run.err().strip());
        assertEquals(0, aws.endpoint.requests().total());
    }

    @Test
    void refusesAnEventTooLargeToPublishAsABadFileBeforeSendingAnything() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(CoherenceFixtures.documentedNewEnvironmentsJson());
        com.fasterxml.jackson.databind.node.ArrayNode environments = (com.fasterxml.jackson.databind.node.ArrayNode)
                event.path("detail").path("new_environments");
        for (int i = 0; environments.toString().length() < 438 * 1024; i++) {
            environments.addObject().put("cloudfront_id", "E" + i).put("environment_name", "env-" + i)
                    .put("application_name", CoherenceFixtures.DOCUMENTED_APPLICATION);
        }
        Path large = SampleFiles.write(dir, "large.json", json.writeValueAsString(event));

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS,
                SampleFiles.newEnvironments(dir).toString(), large.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("coherence-events: " + large + ": cannot be published: detail: the entry is "),
                run.err());
        assertTrue(run.err().strip().endsWith("Nothing was published."), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("com.withcoherence"), run.err());
        assertEquals(0, aws.endpoint.requests().total());
    }

    @Test
    void refusesToPublishToABusThatDoesNotExist() {
        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", "nope-coherence-events",
                SampleFiles.newEnvironments(dir).toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nope-coherence-events"), run.err());
    }

    @Test
    void reportsAnUnreachableEndpoint() {
        CliRun run = CliRun.of("publish", "--endpoint-url", "http://127.0.0.1:9", "--bus", LoopbackEndpoint.BUS,
                SampleFiles.newEnvironments(dir).toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("coherence-events: publish failed: cannot reach EventBridge at "
                + "http://127.0.0.1:9: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void notesAMisspeltDetailTypeAndStillPublishes() {
        Path typo = SampleFiles.write(dir, "typo.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"detail-type\": \"new_environments\"", "\"detail-type\": \"new_environment\""));

        CliRun run = CliRun.of("publish", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, typo.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(typo + ": accepted as "), run.out());
        assertEquals("coherence-events: note: " + typo + ": the detail-type 'new_environment' is not one Coherence "
                + "sends; did you mean new_environments? (It is read as an event of an unknown detail-type.)",
                run.err().strip());
    }
}
