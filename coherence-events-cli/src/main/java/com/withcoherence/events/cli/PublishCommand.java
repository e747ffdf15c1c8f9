package com.withcoherence.events.cli;

import com.withcoherence.events.client.CoherenceClientException;
import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.client.PublishEntry;
import com.withcoherence.events.client.PublishOutcome;
import com.withcoherence.events.client.PublishResult;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.CoherenceEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@code publish}: sends events to the bus with PutEvents and prints one outcome per event. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes Coherence events (one per file, e.g. the documented samples) to the bus and prints "
                + "one line per event: accepted with its event id, or failed with EventBridge's error. Every file "
                + "is checked before anything is sent.",
                "Exit code 0 when every event was accepted, 1 when a file is not a Coherence event or an event "
                        + "failed, 2 on usage or AWS errors (a missing bus included)."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--bus", required = true, paramLabel = "NAME", description = "The bus (name or ARN).")
    String bus;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Event JSON files, one event each.")
    List<String> files = new ArrayList<>();

    @Mixin
    AwsOptions aws = new AwsOptions();

    private final Main.Io io;

    PublishCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        List<PublishEntry> entries = new ArrayList<>();
        for (String file : files) {
            try {
                CoherenceEvent event = CoherenceEvents.parse(Inputs.requireUtf8Encoding(Inputs.read(file,
                        io.in()), Inputs.name(file)));
                CliMessages.misspeltDetailType(event, Inputs.name(file))
                        .ifPresent(note -> io.err().println("coherence-events: " + note));
                entries.add(PublishEntry.of(event));
            } catch (CoherenceEventException e) {
                throw new CliException(ExitCode.NEGATIVE, file + ": " + CliMessages.of(e) + " Nothing was "
                        + "published.", e);
            } catch (CoherenceClientException e) {
                // A Coherence event EventBridge would refuse (too large to publish): a bad file too, found before
                // anything is sent.
                String why = e.problems().isEmpty() ? CliMessages.oneLine(e.getMessage())
                        : CliMessages.problems(e.problems());
                throw new CliException(ExitCode.NEGATIVE, file + ": cannot be published: " + why
                        + " Nothing was published.", e);
            }
        }
        try (EventBridgeClient eventBridge = aws.eventBridge(bus)) {
            CoherenceEventsClient client = aws.client(eventBridge, bus);
            if (entries.size() > 10) {
                io.err().println("publishing " + entries.size() + " events in batches of at most 10...");
            }
            PublishResult result = aws.call("publish", () -> client.publish(entries));
            for (PublishOutcome outcome : result.outcomes()) {
                String file = files.get(outcome.index());
                if (outcome instanceof PublishOutcome.Accepted) {
                    io.out().println(file + ": accepted as " + ((PublishOutcome.Accepted) outcome).eventId());
                } else {
                    PublishOutcome.Failed failed = (PublishOutcome.Failed) outcome;
                    io.out().println(file + ": failed after " + failed.attempts() + " attempt(s): "
                            + failed.errorCode() + ": " + failed.errorMessage());
                }
            }
            return result.allAccepted() ? ExitCode.OK : ExitCode.NEGATIVE;
        }
    }
}
