package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
