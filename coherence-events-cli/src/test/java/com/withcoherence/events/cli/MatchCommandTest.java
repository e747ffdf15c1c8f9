package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.testkit.CoherenceFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    private CliRun matchEvent(String name, byte[] content) throws IOException {
        Path pattern = SampleFiles.write(dir, "pattern.json", "{\"source\": [\"Coherence\"]}");
        Path event = Files.write(dir.resolve(name), content);
        return CliRun.of("match", "--pattern", pattern.toString(), event.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.json | '' | is empty; pass the JSON of one EventBridge event.",
        "array.json | [1,2,3] | holds a JSON array, not an event object with id, account, source, time, region, "
                + "detail-type.",
        "truncated.json | '{\"version\": \"0\",' | is not valid JSON: Unexpected end-of-input within/between "
                + "Object entries (line 1, column 17).",
        "partial.json | '{\"id\": \"1\", \"source\": \"Coherence\"}' | lacks account, time, region, detail-type; "
                + "TestEventPattern needs an event with id, account, source, time, region, detail-type.",
    })
    void saysWhyEventBridgeRefusesTheEvent(String name, String content, String reason) throws IOException {
        CliRun run = matchEvent(name, content.getBytes(StandardCharsets.UTF_8));

        assertEquals(1, run.exitCode());
        assertEquals("coherence-events: ValidationException: Parameter Event is not valid. Reason: "
                + dir.resolve(name) + " " + reason, run.err().strip());
    }

    @Test
    void refusesAnEventThatIsNotUtf8AsParseDoesGivingTheOffset() throws IOException {
        // new String(bytes, UTF_8) replaced the bad byte with U+FFFD and the event matched.
        byte[] event = CoherenceFixtures.documentedNewEnvironmentsJson().replace("another-test-env", "another\u00e9")
                .getBytes(StandardCharsets.UTF_8);
        int offset = new String(event, StandardCharsets.UTF_8).indexOf('\u00e9');
        event[offset] = (byte) 0xFF;

        CliRun run = matchEvent("latin.json", event);

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals("coherence-events: " + dir.resolve("latin.json") + " is not UTF-8 text: the byte 0xFF at offset "
                + offset + " (line 14) is not valid UTF-8. Save the file as UTF-8.", run.err().strip());
    }

    @Test
    void readsAnEventWithAUtf8ByteOrderMarkAsParseDoes() throws IOException {
        byte[] json = CoherenceFixtures.documentedNewEnvironmentsJson().getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withMark, 3, json.length);

        assertEquals(0, matchEvent("bom.json", withMark).exitCode());
    }

    @Test
    void quotesAtMostEightyCharactersOfABadPattern() {
        Path pattern = SampleFiles.write(dir, "long.json", "{\"source\": [\"" + "x".repeat(3000) + "\"]]");

        CliRun run = CliRun.of("match", "--pattern", pattern.toString(), SampleFiles.newEnvironments(dir).toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("InvalidEventPatternException: Event pattern is not valid."), run.err());
        assertTrue(run.err().length() < 600, "the pattern is not copied into the error: " + run.err());
    }
}
