package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (v1 or v2) against the loopback endpoint, as a newcomer would run it: fake credentials and a Region in
 * the environment, no configuration files, {@code --endpoint-url}. Skipped where {@code aws} is not installed (CI has
 * only a JDK).
 */
class LocalEventBridgeCliTest {

    static final String BUS = "12309ijsdf-your-app-name-coherence-events";
    static final String LOG_EVENTS = "arn:aws:lambda:us-east-1:123456789012:function:log-events";

    @TempDir
    static Path home;

    static Path aws;
    static LocalEventBridge endpoint;

    /** What one {@code aws} run printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            JsonNode node = Json.parseOrNull(stdout);
            assertTrue(node != null, "the CLI printed JSON: " + this);
            return node;
        }
    }

    @BeforeAll
    static void findTheCliAndStart() {
        aws = onPath("aws").orElse(null);
        if (aws != null) {
            endpoint = LocalEventBridge.start();
        }
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void freshBus() {
        // Per test rather than per class, so that each test is reported as skipped, with the reason.
        assumeTrue(aws != null, "the AWS CLI is not installed; these tests need `aws` on the PATH");
        for (EventBus bus : endpoint.bridge().listEventBuses()) {
            if (!bus.name().equals("default")) {
                for (Rule rule : endpoint.bridge().listRules(bus.name())) {
                    List<String> ids = endpoint.bridge().listTargetsByRule(bus.name(), rule.name()).stream()
                            .map(Target::id).toList();
                    if (!ids.isEmpty()) {
                        endpoint.bridge().removeTargets(bus.name(), rule.name(), ids);
                    }
                    endpoint.bridge().deleteRule(bus.name(), rule.name());
                }
                endpoint.bridge().deleteEventBus(bus.name());
            }
        }
        endpoint.bridge().deliveryLog().clear();
        endpoint.requests().clear();
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code aws --endpoint-url … --output json events ARGS} with fake credentials and no config files. */
    static Run events(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws.toString(), "--endpoint-url",
                endpoint.endpoint().toString(), "--output", "json", "events"));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    static Run run(List<String> command, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder(command);
        Map<String, String> environment = process.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        Path config = Files.writeString(home.resolve("config"), "");
        Path credentials = Files.writeString(home.resolve("credentials"), "");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDTESTKIT");
        environment.put("AWS_SECRET_ACCESS_KEY", "not-a-secret");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", config.toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_PAGER", "");
        environment.putAll(extraEnvironment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        process.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process started = process.start();
        if (!started.waitFor(60, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new AssertionError("aws did not finish in 60 s: " + command);
        }
        return new Run(started.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void createsABusARuleAndATargetAndPutsTheDocumentedEvent() throws Exception {
        Run bus = events("create-event-bus", "--name", BUS);
        assertEquals(0, bus.exitCode(), bus.toString());
        assertEquals("arn:aws:events:us-east-1:123456789012:event-bus/" + BUS, bus.json().get("EventBusArn").textValue());

        Run rule = events("put-rule", "--name", "new-environments", "--event-bus-name", BUS, "--event-pattern",
                "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}");
        assertEquals(0, rule.exitCode(), rule.toString());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/new-environments",
                rule.json().get("RuleArn").textValue());

        Run targets = events("put-targets", "--rule", "new-environments", "--event-bus-name", BUS, "--targets",
                "[{\"Id\": \"log-events\", \"Arn\": \"" + LOG_EVENTS + "\", \"InputTransformer\": {\"InputPathsMap\": "
                        + "{\"names\": \"$.detail.new_environments[*].environment_name\"}, \"InputTemplate\": "
                        + "\"{\\\"created\\\": <names>}\"}}]");
        assertEquals(0, targets.exitCode(), targets.toString());
        assertEquals(0, targets.json().get("FailedEntryCount").intValue());

        JsonNode documented = Json.parseOrNull(CoherenceFixtures.documentedNewEnvironmentsJson());
        Run put = events("put-events", "--entries", "[{\"Source\": \"Coherence\", \"DetailType\": "
                + "\"new_environments\", \"Time\": \"2023-05-19T13:56:16Z\", \"EventBusName\": \"" + BUS + "\", "
                + "\"Detail\": " + Json.MAPPER.writeValueAsString(Json.write(documented.get("detail"))) + "}]");
        assertEquals(0, put.exitCode(), put.toString());
        assertEquals(0, put.json().get("FailedEntryCount").intValue());
        String eventId = put.json().get("Entries").get(0).get("EventId").textValue();

        DeliveryAttempt delivered = endpoint.bridge().deliveryLog().deliveriesTo(LOG_EVENTS).get(0);
        assertEquals(eventId, delivered.eventId());
        assertEquals(Json.parseOrNull("{\"created\": [\"another-test-env\"]}"), Json.parseOrNull(delivered.payload()));
        assertEquals(List.of(), endpoint.internalErrors());
    }

    @Test
    void listRulesFollowsTheEndpointsPagesWithPageSizeOne() throws Exception {
        endpoint.bridge().createEventBus(BUS);
        for (String name : List.of("a", "b", "c")) {
            endpoint.bridge().putRule(RuleDefinition.of(name, BUS, "{\"source\": [\"Coherence\"]}"));
        }

        Run all = events("list-rules", "--event-bus-name", BUS, "--page-size", "1");
        assertEquals(0, all.exitCode(), all.toString());
        List<String> names = new ArrayList<>();
        all.json().get("Rules").forEach(rule -> names.add(rule.get("Name").textValue()));
        assertEquals(List.of("a", "b", "c"), names);
        assertEquals(3, endpoint.requests().count(EventBridgeOperation.LIST_RULES), "one request per page of one");

        Run first = events("list-rules", "--event-bus-name", BUS, "--max-items", "1");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(1, first.json().get("Rules").size());
        assertTrue(first.json().has("NextToken"), first.stdout());
    }

    @Test
    void testEventPatternAnswersWhetherTheDocumentedEventMatches() throws Exception {
        Run matches = events("test-event-pattern", "--event-pattern",
                "{\"detail\": {\"new_environments\": {\"environment_name\": [{\"prefix\": \"another-\"}]}}}",
                "--event", CoherenceFixtures.documentedNewEnvironmentsJson());
        assertEquals(0, matches.exitCode(), matches.toString());
        assertTrue(matches.json().get("Result").booleanValue());

        Run differs = events("test-event-pattern", "--event-pattern", "{\"detail-type\": [\"valid_environments\"]}",
                "--event", CoherenceFixtures.documentedNewEnvironmentsJson());
        assertEquals(false, differs.json().get("Result").booleanValue());
    }

    @Test
    void reportsTheServicesErrorCodeAndMessage() throws Exception {
        endpoint.bridge().createEventBus(BUS);
        Run missing = events("describe-rule", "--name", "nope", "--event-bus-name", BUS);
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("An error occurred (ResourceNotFoundException) when calling the "
                + "DescribeRule operation: Rule nope does not exist on EventBus " + BUS + "."), missing.stderr());

        Run badPattern = events("put-rule", "--name", "r", "--event-bus-name", BUS, "--event-pattern",
                "{\"source\": \"Coherence\"}");
        assertNotEquals(0, badPattern.exitCode());
        assertTrue(badPattern.stderr().contains("(InvalidEventPatternException) when calling the PutRule operation: "
                + "Event pattern is not valid. Reason: "), badPattern.stderr());
    }

    /** The README's CLI commands, run as printed, with the endpoint's address in {@code $ENDPOINT}. */
    @Test
    void theReadmesCliCommandsWork() throws Exception {
        List<String> commands = ReadmeTest.shellCommandsAfter("### Point the AWS CLI at it");
        assertTrue(commands.size() >= 4, commands.toString());
        for (String command : commands) {
            if (!command.startsWith("aws ")) {
                continue;
            }
            String line = command.replace("$ENDPOINT", endpoint.endpoint().toString());
            Run run = run(List.of("/bin/sh", "-c", line.replaceFirst("^aws ", Matcher.quoteReplacement("'" + aws + "' "))), Map.of());
            assertEquals(0, run.exitCode(), line + "\n" + run);
        }
        assertEquals(1, endpoint.bridge().deliveryLog().deliveries().size(), "the README's event was delivered");
    }
}
