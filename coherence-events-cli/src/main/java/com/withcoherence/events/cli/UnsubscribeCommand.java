package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.PlannedChange;
import com.withcoherence.events.client.TargetPermission;
import com.withcoherence.events.client.UnsubscribeResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@code unsubscribe}: removes a rule's targets, then the rule; idempotent. */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true,
        description = {"Removes a rule coherence-events manages from the Coherence bus: its targets, then the rule. "
                + "Removing a rule that is gone is fine.",
                "Exit code 0 on success, 2 when EventBridge refuses (e.g. a rule coherence-events does not manage)."})
final class UnsubscribeCommand implements Callable<Integer> {

    @Option(names = "--bus", required = true, paramLabel = "NAME", description = "The Coherence bus (name or ARN).")
    String bus;

    @Option(names = "--rule", required = true, paramLabel = "NAME", description = "The rule's name.")
    String rule;

    @Mixin
    AwsOptions aws = new AwsOptions();

    private final Main.Io io;

    UnsubscribeCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try (EventBridgeClient eventBridge = aws.eventBridge(bus)) {
            CoherenceEventsClient client = aws.client(eventBridge, bus);
            UnsubscribeResult result = aws.call("unsubscribe", () -> client.unsubscribe(rule));
            if (!result.removed()) {
                io.out().println("rule " + rule + " does not exist on " + client.busName() + ": nothing to remove");
            }
            for (PlannedChange change : result.changes()) {
                io.out().println(change.action().sign() + " " + change.subject()
                        + (change.detail().isEmpty() ? "" : " (" + change.detail() + ")"));
            }
            for (TargetPermission permission : result.leftToRemove()) {
                io.out().println("remove the permission of target " + permission.targetId() + " yourself: "
                        + permission.howToRemove());
            }
            return ExitCode.OK;
        }
    }
}
