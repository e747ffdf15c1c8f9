package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.ExistingSubscription;
import com.withcoherence.events.client.SubscriptionTarget;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@code list}: the rules on the Coherence bus, marked when coherence-events manages them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists every rule on the Coherence bus with its state, pattern and targets; rules "
                + "coherence-events manages are marked with *.", "Exit code 0 on success, 2 on an AWS error."})
final class ListCommand implements Callable<Integer> {

    @Option(names = "--bus", required = true, paramLabel = "NAME", description = "The Coherence bus (name or ARN).")
    String bus;

    @Mixin
    AwsOptions aws = new AwsOptions();

    private final Main.Io io;

    ListCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try (EventBridgeClient eventBridge = aws.eventBridge(bus)) {
            CoherenceEventsClient client = aws.client(eventBridge, bus);
            List<ExistingSubscription> rules = aws.call("listing rules", client::subscriptions);
            if (rules.isEmpty()) {
                io.out().println("no rules on " + client.busName());
            }
            for (ExistingSubscription rule : rules) {
                io.out().println((rule.managedByCoherenceEvents() ? "* " : "  ") + rule.name() + "  " + rule.state()
                        + "  " + rule.eventPattern().orElse("(no pattern)"));
                for (SubscriptionTarget target : rule.targets()) {
                    io.out().println("      -> " + target.id() + "  " + target.arn());
                }
            }
            return ExitCode.OK;
        }
    }
}
