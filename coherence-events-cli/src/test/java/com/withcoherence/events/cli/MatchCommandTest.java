package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchCommandTest {

    @TempDir
    Path dir;

    @Test
    void matchesTheConsoleWalkthroughPatternAgainstTheNewEnvironmentsEventOnly() {
        Path pattern = SampleFiles.write(dir, "pattern.json",
                "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}");

        CliRun matching = CliRun.of("match", "--pattern", pattern.toString(),
                SampleFiles.newEnvironments(dir).toString());
        CliRun other = CliRun.of("match", "--pattern", pattern.toString(),
                SampleFiles.validEnvironments(dir).toString());

        assertEquals(new CliRun(0, "match" + System.lineSeparator(), ""), matching);
        assertEquals(new CliRun(1, "no match" + System.lineSeparator(), ""), other);
    }

    @Test
    void matchesAnEnvironmentPrefixInsideTheArray() {
        Path pattern = SampleFiles.write(dir, "prefix.json", "{\"detail\": {\"valid_environments\": "
                + "{\"environment_name\": [{\"prefix\": \"update-\"}]}}}");

        CliRun run = CliRun.of("match", "--pattern", pattern.toString(), SampleFiles.validEnvironments(dir).toString());

        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void reportsAnInvalidPatternWithEventBridgesMessage() {
        Path pattern = SampleFiles.write(dir, "bad.json", "{\"source\": \"Coherence\"}");

        CliRun run = CliRun.of("match", "--pattern", pattern.toString(), SampleFiles.newEnvironments(dir).toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("InvalidEventPatternException: Event pattern is not valid. Reason:"), run.err());
    }

    @Test
    void refusesToReadBothFromStandardInput() {
        CliRun run = CliRun.of("match", "--pattern", "-", "-");

        assertEquals(2, run.exitCode());
    }
}
