package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void listsTheCommandsInItsHelp() {
        CliRun run = CliRun.of("--help");

        assertEquals(0, run.exitCode());
        for (String command : Commands.all(null).stream().map(c -> new picocli.CommandLine(c).getCommandName())
                .toList()) {
            assertTrue(run.out().contains(command), command + " in " + run.out());
        }
        assertTrue(run.out().contains("Exit codes"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"parse", "validate", "match"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: coherence-events " + command), run.out());
    }

    @Test
    void asksForACommandWithExitCodeTwo() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("a command is required"), run.err());
        assertTrue(run.err().contains("Commands:"), run.err());
        for (String command : Commands.all(null).stream().map(c -> new picocli.CommandLine(c).getCommandName())
                .toList()) {
            assertTrue(run.err().contains("\n  " + command + " "), command + " in " + run.err());
        }
        assertEquals("", run.out());
    }

    @Test
    void reportsAnUnknownOptionAsAUsageErrorWithAHint() {
        CliRun run = CliRun.of("parse", "--frobnicate", "x.json");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
        assertTrue(run.err().contains("Try 'coherence-events parse --help'."), run.err());
    }

    @Test
    void reportsAnUnknownCommandListingTheCommands() {
        CliRun run = CliRun.of("bogus");

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: unknown command 'bogus'. The commands are demo, serve, subscribe, unsubscribe, "
                + "list, publish, parse, validate, match." + System.lineSeparator()
                + "Try 'coherence-events --help'.", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void suggestsTheCommandATypoIsNear() {
        CliRun run = CliRun.of("pasre", "x.json");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("coherence-events: unknown command 'pasre'; did you mean parse? The commands "
                + "are demo, "), run.err());
    }
}
