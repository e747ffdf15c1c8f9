package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnsubscribeCommandTest {

    private final LoopbackEndpoint aws = new LoopbackEndpoint();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void removesTheTargetsThenTheRuleAndIsFineTheSecondTime() {
        CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule", "r",
                "--target", "arn:aws:sqs:us-east-1:123456789012:provisioner");

        CliRun first = CliRun.of("unsubscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "r");
        CliRun second = CliRun.of("unsubscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS,
                "--rule", "r");

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("- "), first.out());
        assertEquals(0, aws.bridge.listRules(LoopbackEndpoint.BUS).size());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("nothing to remove"), second.out());
    }

    @Test
    void leavesARuleItDidNotCreateAndSaysHowToAdoptIt() {
        aws.bridge.putRule(com.withcoherence.events.testkit.RuleDefinition.of("console", LoopbackEndpoint.BUS,
                "{\"source\": [\"Coherence\"]}"));

        CliRun run = CliRun.of("unsubscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "console");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("was not created by coherence-events"), run.err());
        assertTrue(run.err().contains("(subscribe it with --adopt)"), run.err());
        assertEquals(1, aws.bridge.listRules(LoopbackEndpoint.BUS).size());
    }

    @Test
    void saysHowToRemoveEachPermissionTheRuleNoLongerNeedsNeverHowToAddIt() {
        String function = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
        String queue = "arn:aws:sqs:us-east-1:123456789012:provisioner";
        CliRun subscribed = CliRun.of("subscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS,
                "--rule", "r", "--target", function, "--target", queue);
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        String sid = subscribed.out().lines().filter(l -> l.startsWith("permission for target log-events: "))
                .map(l -> l.replaceFirst(".* --statement-id (\\S+) .*", "$1")).findFirst().orElseThrow();

        CliRun run = CliRun.of("unsubscribe", "--endpoint-url", aws.url(), "--bus", LoopbackEndpoint.BUS, "--rule",
                "r");

        assertEquals(0, run.exitCode(), run.err());
        List<String> removals = run.out().lines().filter(l -> l.startsWith("remove the permission")).toList();
        assertEquals(List.of("remove the permission of target log-events yourself: aws lambda remove-permission "
                + "--function-name " + function + " --statement-id " + sid,
                "remove the permission of target provisioner yourself: Delete the statement with Sid " + sid
                + " from the Statement list of the Policy attribute of the queue " + queue + ", keeping the "
                + "statements it has (aws sqs get-queue-attributes --attribute-names Policy, then aws sqs "
                + "set-queue-attributes --attributes Policy=...; set Policy to \"\" if no statement is left)."),
                removals);
        assertFalse(run.out().contains("add-permission"), run.out());
    }
}
