package com.withcoherence.events.cli;

import com.withcoherence.events.testkit.EventBridgeServiceException;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code match --pattern FILE EVENT_FILE}: EventBridge's TestEventPattern, offline. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Tests whether an event pattern matches an event, offline, with EventBridge's validation and "
                + "matching engine (AWS's event-ruler): what TestEventPattern answers.",
                "Prints 'match' or 'no match'. Exit code 0 on a match, 1 on no match or an invalid pattern or event "
                        + "(EventBridge's message goes to stderr), 2 when a file cannot be read."})
final class MatchCommand implements Callable<Integer> {

    @Option(names = "--pattern", required = true, paramLabel = "FILE",
            description = "The event pattern's JSON file, or - for standard input.")
    String pattern;

    @Parameters(paramLabel = "EVENT_FILE", description = "The event's JSON file, or - for standard input.")
    String event;

    private final Main.Io io;

    MatchCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (pattern.equals("-") && event.equals("-")) {
            throw new CliException(ExitCode.USAGE, "the pattern and the event cannot both come from standard input.");
        }
        String patternJson = new String(Inputs.read(pattern, io.in()), StandardCharsets.UTF_8);
        String eventJson = new String(Inputs.read(event, io.in()), StandardCharsets.UTF_8);
        boolean matches;
        try (InMemoryEventBridge bridge = InMemoryEventBridge.create()) {
            matches = bridge.testEventPattern(patternJson, eventJson);
        } catch (EventBridgeServiceException e) {
            throw new CliException(ExitCode.NEGATIVE, e.errorCode() + ": " + e.getMessage(), e);
        }
        io.out().println(matches ? "match" : "no match");
        return matches ? ExitCode.OK : ExitCode.NEGATIVE;
    }
}
