package com.withcoherence.events.cli;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.CoherenceEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parse FILE|-}: reads one event and prints it as normalised JSON. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Reads one Coherence event and prints it as normalised JSON (the wire form EventBridge "
                + "delivers: member order, UTC time, compact detail).",
                "Exit code 0 when it is a valid Coherence event, 1 when it is not (the reason and the JSON pointer "
                        + "go to stderr), 2 when the file cannot be read."})
final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|-", description = "The event's JSON file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "Print compact JSON on one line instead of indented JSON.")
    boolean json;

    private final Main.Io io;

    ParseCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        byte[] input = Inputs.requireUtf8Encoding(Inputs.read(file, io.in()), Inputs.name(file));
        CoherenceEvent event;
        try {
            event = CoherenceEvents.parse(input);
        } catch (CoherenceEventException e) {
            throw new CliException(ExitCode.NEGATIVE, CliMessages.deliveryInstead(input, Inputs.name(file))
                    .orElse(CliMessages.of(e)), e);
        }
        CliMessages.misspeltDetailType(event, Inputs.name(file))
                .ifPresent(note -> io.err().println("coherence-events: " + note));
        String normalised = CoherenceEvents.toJson(event);
        io.out().println(json ? normalised : PrettyJson.indent(normalised));
        return ExitCode.OK;
    }
}
