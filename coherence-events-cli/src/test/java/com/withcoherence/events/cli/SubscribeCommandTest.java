package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.testkit.Rule;
import com.withcoherence.events.testkit.RuleDefinition;
import com.withcoherence.events.testkit.Target;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscribeCommandTest {

    private static final String AUDIT = "arn:aws:sqs:us-east-1:123456789012:audit";

    private final LoopbackEndpoint aws = new LoopbackEndpoint();

    @AfterEach
    void stop() {
        aws.close();
    }

    private CliRun subscribe(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("subscribe", "--endpoint-url", aws.url(), "--bus",
                LoopbackEndpoint.BUS, "--rule", "log-new-environments", "--detail-type", "new_environments",
                "--target", "arn:aws:lambda:us-east-1:123456789012:function:log-events"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void createsTheRuleAndItsTargetAndPrintsThePermission() {
        CliRun run = subscribe("--max-retries", "10", "--max-age", "3600");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("+ create rule log-new-environments"), run.out());
        assertTrue(run.out().contains("aws lambda add-permission"), run.out());
        Rule rule = aws.bridge.describeRule(LoopbackEndpoint.BUS, "log-new-environments");
        assertEquals("{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"]}", rule.eventPattern()
                .orElseThrow());
        Target target = aws.bridge.listTargetsByRule(LoopbackEndpoint.BUS, "log-new-environments").get(0);
        assertEquals(10, target.retryPolicy().orElseThrow().maximumRetryAttempts());
    }

    @Test
    void changesNothingTheSecondTime() {
        subscribe();
        long writes = aws.endpoint.requests().writeCount();

        CliRun again = subscribe();

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("nothing to change"), again.out());
        assertEquals(writes, aws.endpoint.requests().writeCount());
    }

    @Test
    void printsThePlanAndWritesNothingOnADryRun() {
        CliRun run = subscribe("--dry-run");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("+ create rule log-new-environments"), run.out());
        assertTrue(run.out().contains("dry run: nothing changed"), run.out());
        assertEquals(0, aws.endpoint.requests().writeCount());
    }

    /** A rule of the same name made in the console, routing to a queue someone relies on. */
    private void consoleRule() {
        aws.bridge.putRule(RuleDefinition.of("log-new-environments", LoopbackEndpoint.BUS,
                "{\"source\": [\"Coherence\"]}"));
        aws.bridge.putTargets(LoopbackEndpoint.BUS, "log-new-environments", List.of(Target.of("audit", AUDIT)));
    }

    @Test
    void refusesToTakeOverARuleItDidNotCreateAndSaysHowToOptIn() {
        consoleRule();
        long writes = aws.endpoint.requests().writeCount();

        for (CliRun run : List.of(subscribe("--dry-run"), subscribe())) {
            assertEquals(2, run.exitCode(), run.out());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("coherence-events: The rule log-new-environments already exists on bus "
                    + LoopbackEndpoint.BUS + " and was not created by coherence-events"), run.err());
            assertTrue(run.err().contains("its targets are audit (" + AUDIT + ")"), run.err());
            assertTrue(run.err().contains("adopt the rule on purpose with --adopt."), run.err());
            assertFalse(run.err().contains("SubscribeOption"), run.err());
        }
        assertEquals(writes, aws.endpoint.requests().writeCount());
        assertEquals(List.of("audit"), aws.bridge.listTargetsByRule(LoopbackEndpoint.BUS, "log-new-environments")
                .stream().map(Target::id).toList());
    }

    @Test
    void adoptsTheRuleWithAdoptAndShowsItInThePlan() {
        consoleRule();

        CliRun dryRun = subscribe("--adopt", "--dry-run");
        CliRun run = subscribe("--adopt");

        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("~ adopt rule log-new-environments: not created by coherence-events"),
                dryRun.out());
        assertTrue(dryRun.out().contains("- remove target audit: " + AUDIT), dryRun.out());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("coherence-events", aws.bridge.listTagsForResource(aws.bridge.describeRule(LoopbackEndpoint.BUS,
                "log-new-environments").arn()).get("managed-by"));
        assertEquals(List.of("log-events"), aws.bridge.listTargetsByRule(LoopbackEndpoint.BUS, "log-new-environments")
                .stream().map(Target::id).toList());
    }

    @Test
    void givesFifoQueuesTheirMessageGroupAndRoleTargetsTheirRole() {
        String fifo = "arn:aws:sqs:us-east-1:123456789012:environments.fifo";
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:provision";
        String role = "arn:aws:iam::123456789012:role/eventbridge-start-provision";

        CliRun run = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule", "r",
                "--target", fifo, "--target", machine, "--message-group", "coherence", "--role", role);

        assertEquals(0, run.exitCode(), run.err());
        List<Target> targets = aws.bridge.listTargetsByRule(LoopbackEndpoint.BUS, "r");
        assertEquals(java.util.Optional.of("coherence"), targets.get(0).sqsMessageGroupId());
        assertEquals(java.util.Optional.empty(), targets.get(0).roleArn(), "a queue is reached by its policy");
        assertEquals(java.util.Optional.of(role), targets.get(1).roleArn());
    }

    @Test
    void refusesADetailTypeCoherenceDoesNotSendAsATypoUnlessAllowed() {
        CliRun typo = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "r", "--detail-type", "new_environment", "--target", "arn:aws:sqs:us-east-1:123456789012:q");

        assertEquals(2, typo.exitCode());
        assertEquals("coherence-events: --detail-type new_environment is not a detail-type Coherence sends "
                + "(new_environments, valid_environments), so the rule would never match; did you mean "
                + "new_environments? Check the spelling, or "
                + "pass --allow-unknown-detail-type to subscribe to it anyway.", typo.err().strip());
        assertEquals(0, aws.endpoint.requests().total());

        CliRun allowed = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "r", "--detail-type", "environment_removed", "--allow-unknown-detail-type", "--target",
                "arn:aws:sqs:us-east-1:123456789012:q");

        assertEquals(0, allowed.exitCode(), allowed.err());
        assertEquals("{\"source\":[\"Coherence\"],\"detail-type\":[\"environment_removed\"]}", aws.bridge
                .describeRule(LoopbackEndpoint.BUS, "r").eventPattern().orElseThrow());
    }

    @Test
    void rejectsAnInvalidSubscriptionBeforeAnyCall() {
        CliRun run = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "bad name!", "--target", "arn:aws:lambda:us-east-1:123456789012:function:log-events",
                "--max-retries", "500");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--rule: the rule name 'bad name!'"), run.err());
        assertTrue(run.err().contains("--max-retries: is 500; EventBridge accepts 0 to 185."), run.err());
        assertEquals(0, aws.endpoint.requests().total());
    }

    @Test
    void reportsAMissingBusAsAnEnvironmentError() {
        CliRun run = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", "nope-coherence-events",
                "--rule", "r", "--target", "arn:aws:lambda:us-east-1:123456789012:function:log-events");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("The event bus nope-coherence-events does not exist in the account of your "
                + "credentials and the Region called (--region)."), run.err());
        assertFalse(run.err().contains("EventBridgeClient"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void namesTheOptionOfAnEmptyPrefixNotTheBuildersArgument() {
        CliRun run = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule", "r",
                "--environment-prefix", "feature-", "--environment-prefix", "", "--target", AUDIT);

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: The options cannot make a valid event pattern: --environment-prefix #2 is "
                + "empty; an empty prefix matches every name; leave --environment-prefix out to select every "
                + "environment.", run.err().strip());
    }
}
