package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.testkit.CoherenceFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void acceptsBothDocumentedEvents() {
        assertEquals(new CliRun(0, "valid" + System.lineSeparator(), ""),
                CliRun.of("validate", SampleFiles.newEnvironments(dir).toString()));
        assertEquals(new CliRun(0, "valid" + System.lineSeparator(), ""),
                CliRun.of("validate", SampleFiles.validEnvironments(dir).toString()));
    }

    @Test
    void printsEachViolationWithItsPointer() {
        Path bad = SampleFiles.write(dir, "bad.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"AESOIFH3341\"", "42").replace("\"us-east-1\"", "\"\""));

        CliRun run = CliRun.of("validate", bad.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("/detail/new_environments/0/cloudfront_id: "), run.out());
        assertTrue(run.out().contains("/region: "), run.out());
        assertTrue(run.err().contains("violations"), run.err());
    }

    @Test
    void reportsJsonThatIsNotWellFormedAsAViolation() {
        CliRun run = CliRun.withInput("{\"version\": ", "validate", "-");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("[json]"), run.out());
    }

    @Test
    void notesAMisspeltDetailTypeButStaysValid() {
        Path typo = SampleFiles.write(dir, "typo.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"detail-type\": \"new_environments\"", "\"detail-type\": \"new_environment\""));

        CliRun run = CliRun.of("validate", typo.toString());

        assertEquals(0, run.exitCode());
        assertEquals("valid" + System.lineSeparator(), run.out());
        assertTrue(run.err().contains("did you mean new_environments?"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void saysPlainlyThatAUtf16FileIsNotUtf8() throws Exception {
        Path utf16 = java.nio.file.Files.write(dir.resolve("utf16.json"), CoherenceFixtures
                .documentedNewEnvironmentsJson().getBytes(java.nio.charset.StandardCharsets.UTF_16BE));

        CliRun run = CliRun.of("validate", utf16.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not UTF-8 text: it looks like UTF-16 or UTF-32"), run.err());
    }
}
