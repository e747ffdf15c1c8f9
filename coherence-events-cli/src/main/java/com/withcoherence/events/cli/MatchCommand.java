package com.withcoherence.events.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.withcoherence.events.testkit.EventBridgeServiceException;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        String patternJson = Inputs.utf8(Inputs.read(pattern, io.in()), Inputs.name(pattern));
        String eventJson = Inputs.utf8(Inputs.read(event, io.in()), Inputs.name(event));
        boolean matches;
        try (InMemoryEventBridge bridge = InMemoryEventBridge.create()) {
            matches = bridge.testEventPattern(patternJson, eventJson);
        } catch (EventBridgeServiceException e) {
            String message = e.errorCode() + ": " + CliMessages.shortenJsonExcerpts(e.getMessage());
            if (e.errorCode().equals("ValidationException") && e.getMessage().startsWith("Parameter Event ")) {
                // EventBridge's words give no reason; the CLI finds it, since the user cannot see what was wrong.
                message += " Reason: " + Inputs.name(event) + " " + whyNotAnEvent(eventJson);
            }
            throw new CliException(ExitCode.NEGATIVE, message, e);
        }
        io.out().println(matches ? "match" : "no match");
        return matches ? ExitCode.OK : ExitCode.NEGATIVE;
    }

    /** The members TestEventPattern requires of an event. */
    private static final List<String> REQUIRED = List.of("id", "account", "source", "time", "region", "detail-type");

    /** Why EventBridge refused the event: it is empty, not JSON, not an object, or lacks an envelope member. */
    static String whyNotAnEvent(String eventJson) {
        if (eventJson.isBlank()) {
            return "is empty; pass the JSON of one EventBridge event.";
        }
        JsonNode node;
        try (JsonParser parser = CliMessages.JSON.createParser(eventJson)) {
            node = CliMessages.JSON.readTree(parser);
            if (parser.nextToken() != null) {
                return "holds more than one JSON value (more content follows at line "
                        + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr() + "); pass exactly one event.";
            }
        } catch (JsonProcessingException e) {
            return "is not valid JSON: " + CliMessages.quoteAtMost(e.getOriginalMessage()) + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").";
        } catch (IOException e) {
            return "cannot be read as JSON: " + e.getMessage();
        }
        if (node == null || !node.isObject()) {
            String found = node == null ? "nothing" : node.isArray() ? "a JSON array" : "a JSON "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return "holds " + found + ", not an event object with " + String.join(", ", REQUIRED) + ".";
        }
        List<String> missing = new ArrayList<>();
        for (String member : REQUIRED) {
            if (!node.has(member)) {
                missing.add(member);
            }
        }
        return "lacks " + String.join(", ", missing) + "; TestEventPattern needs an event with "
                + String.join(", ", REQUIRED) + ".";
    }
}
