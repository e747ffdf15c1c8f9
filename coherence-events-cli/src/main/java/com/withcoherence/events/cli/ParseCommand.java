package com.withcoherence.events.cli;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Delivery;
import com.withcoherence.events.model.DeliveryRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parse FILE|-}: reads one event (or, with --delivery, an SQS/SNS delivery) and prints it as normalised JSON. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Reads one Coherence event and prints it as normalised JSON (the wire form EventBridge "
                + "delivers: member order, UTC time, compact detail). With --delivery, reads what a Lambda handler "
                + "receives from an SQS queue or SNS topic target and prints each event it carries.",
                "Exit code 0 when it is a valid Coherence event (every message of a delivery is), 1 when it is not "
                        + "(the reason and the JSON pointer go to stderr), 2 when the file cannot be read."})
final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|-", description = "The event's JSON file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "Print compact JSON on one line instead of indented JSON.")
    boolean json;

    @Option(names = "--delivery", description = "Read an SQS message, SNS notification or SQS batch (a Lambda "
            + "handler's input) and print each event it carries; a message that is not one is reported on stderr "
            + "with its message id.")
    boolean delivery;

    private final Main.Io io;

    ParseCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        byte[] input = Inputs.requireUtf8Encoding(Inputs.read(file, io.in()), Inputs.name(file));
        if (delivery) {
            return delivery(input);
        }
        CoherenceEvent event;
        try {
            event = CoherenceEvents.parse(input);
        } catch (CoherenceEventException e) {
            throw new CliException(ExitCode.NEGATIVE, CliMessages.deliveryInstead(input, Inputs.name(file))
                    .orElse(CliMessages.of(e)), e);
        }
        print(event, Inputs.name(file));
        return ExitCode.OK;
    }

    private int delivery(byte[] input) {
        Delivery read;
        try {
            read = CoherenceEvents.parseDelivery(input);
        } catch (CoherenceEventException e) {
            throw new CliException(ExitCode.NEGATIVE, CliMessages.of(e), e);
        }
        for (DeliveryRecord record : read.records()) {
            String name = Inputs.name(file) + (record.messageId().isEmpty() ? "" : " message " + record.messageId());
            record.event().ifPresent(event -> print(event, name));
            record.error().ifPresent(error -> io.err().println("coherence-events: " + name + ": "
                    + CliMessages.of(error)));
        }
        return read.hasFailures() ? ExitCode.NEGATIVE : ExitCode.OK;
    }

    private void print(CoherenceEvent event, String name) {
        CliMessages.misspeltDetailType(event, name).ifPresent(note -> io.err().println("coherence-events: " + note));
        String normalised = CoherenceEvents.toJson(event);
        io.out().println(json ? normalised : PrettyJson.indent(normalised));
    }
}
