package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheDocumentedEventAsNormalisedJson() {
        CliRun run = CliRun.of("parse", SampleFiles.newEnvironments(dir).toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CoherenceFixtures.documentedNewEnvironments(), CoherenceEvents.parse(run.out()));
        assertTrue(run.out().contains("\n  \"version\""), "indented for people: " + run.out());
    }

    @Test
    void printsOneCompactLineWithJson() {
        CliRun run = CliRun.of("parse", "--json", SampleFiles.validEnvironments(dir).toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CoherenceEvents.toJson(CoherenceFixtures.documentedValidEnvironments()) + System.lineSeparator(),
                run.out());
    }

    @Test
    void keepsMembersTheLibraryDoesNotReadAtEveryLevel() {
        String extended = CoherenceFixtures.documentedNewEnvironmentsJson()
                .replaceFirst("\\{", "{\"replay-name\":\"nightly\",")
                .replaceFirst("\"new_environments\"\\s*:\\s*\\[", "\"run_id\":42,\"new_environments\":[")
                .replace("\"cloudfront_id\"", "\"status\":\"ready\",\"cloudfront_id\"");
        Path file = SampleFiles.write(dir, "extended.json", extended);

        CliRun run = CliRun.of("parse", "--json", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"status\":\"ready\"") && run.out().contains("\"run_id\":42")
                && run.out().contains("\"replay-name\":\"nightly\""), run.out());
        assertEquals(CoherenceEvents.parse(extended), CoherenceEvents.parse(run.out()));
    }

    @Test
    void readsStandardInput() {
        CliRun run = CliRun.withInput(CoherenceFixtures.documentedNewEnvironmentsJson(), "parse", "--json", "-");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CoherenceFixtures.documentedNewEnvironments(), CoherenceEvents.parse(run.out()));
    }

    @Test
    void rejectsAForeignEventWithThePointerOnOneLineAndExitCodeOne() {
        Path foreign = SampleFiles.write(dir, "ec2.json",
                CoherenceFixtures.documentedNewEnvironmentsJson().replace("\"Coherence\"", "\"aws.ec2\""));

        CliRun run = CliRun.of("parse", foreign.toString());

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("coherence-events: Invalid Coherence event at /source:"), run.err());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace: " + run.err());
    }

    @Test
    void printsTheStackTraceOnlyWithVerbose() {
        Path broken = SampleFiles.write(dir, "broken.json", "{");

        CliRun run = CliRun.of("parse", "--verbose", broken.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void refusesAFileLargerThanAnyEventAfterReadingOnlyWhatIsAllowed() throws Exception {
        Path large = dir.resolve("large.json");
        java.nio.file.Files.write(large, new byte[9 << 20]);

        CliRun run = CliRun.of("parse", large.toString());

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: " + large + " holds more than 8388608 bytes; an EventBridge event is at "
                + "most 256 KB.", run.err().strip());
    }

    @Test
    void refusesADeviceWithoutEndInsteadOfRunningOutOfMemory() {
        // A device (or pipe) reports a size of 0 and never ends: reading it whole was an OutOfMemoryError.
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(zero), "/dev/zero exists");

        CliRun run = CliRun.of("parse", zero.toString());

        assertEquals(2, run.exitCode());
        assertEquals("coherence-events: /dev/zero holds more than 8388608 bytes; an EventBridge event is at most "
                + "256 KB.", run.err().strip());
    }

    @Test
    void reportsAMissingFileAsAUsageError() {
        CliRun run = CliRun.of("parse", dir.resolve("nope.json").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void neverAltersTheNumbersOfAnEventWhenItIndentsIt() {
        // An event Coherence may send one day, with numbers a double cannot hold: printed as written.
        Path event = SampleFiles.write(dir, "future.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"new_environments\",", "\"environment_deleted\",")
                .replace("\"detail\": {", "\"detail\": {\"n\": -999999999999999999E99999, "
                        + "\"m\": 0.10000000000000000000000001,"));

        CliRun run = CliRun.of("parse", event.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"n\" : -999999999999999999E99999,"), run.out());
        assertTrue(run.out().contains("\"m\" : 0.10000000000000000000000001,"), run.out());
    }

    @Test
    void advisesWhatTheCliDoesWithAnArrayNotAJavaMethod() {
        CliRun run = CliRun.of("parse", SampleFiles.write(dir, "array.json", "[1,2,3]").toString());

        assertEquals(1, run.exitCode());
        assertEquals("coherence-events: Invalid Coherence event at the document root: expected a JSON object (an "
                + "EventBridge event) but found an array. This reads one EventBridge event; to read an SQS message, SNS "
                + "notification or SQS batch, use 'coherence-events parse --delivery'.",
                run.err().strip());
    }

    @Test
    void saysAnSqsBatchIsADeliveryNotAnEvent() {
        String body = CoherenceFixtures.documentedNewEnvironmentsJson().replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n");
        Path sqs = SampleFiles.write(dir, "sqs.json", "{\"Records\": [{\"messageId\": \"1\", \"eventSource\": "
                + "\"aws:sqs\", \"body\": \"" + body + "\"}]}");

        CliRun run = CliRun.of("parse", sqs.toString());

        assertEquals(1, run.exitCode());
        assertEquals("coherence-events: " + sqs + " looks like an SQS or SNS delivery to Lambda (it has Records), not "
                + "an EventBridge event. parse reads single events; pass --delivery to read the events a delivery "
                + "carries.", run.err().strip());

        CliRun delivery = CliRun.of("parse", "--delivery", "--json", sqs.toString());

        assertEquals(0, delivery.exitCode(), delivery.err());
        assertEquals(CoherenceEvents.toJson(CoherenceFixtures.documentedNewEnvironments()) + System.lineSeparator(),
                delivery.out());
    }

    @Test
    void readsEveryMessageOfADeliveryAndReportsTheBadOnesByMessageId() {
        String body = CoherenceFixtures.documentedValidEnvironmentsJson().replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n");
        Path batch = SampleFiles.write(dir, "batch.json", "{\"Records\": [{\"messageId\": \"m-1\", \"eventSource\": "
                + "\"aws:sqs\", \"body\": \"" + body + "\"}, {\"messageId\": \"m-2\", \"eventSource\": \"aws:sqs\", "
                + "\"body\": \"{}\"}]}");

        CliRun run = CliRun.of("parse", "--delivery", batch.toString());

        assertEquals(1, run.exitCode());
        assertEquals(CoherenceFixtures.documentedValidEnvironments(), CoherenceEvents.parse(run.out()));
        assertTrue(run.err().startsWith("coherence-events: " + batch + " message m-2: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void notesADetailTypeATypoAwayFromOneCoherenceSendsWithoutFailing() {
        Path typo = SampleFiles.write(dir, "typo.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"detail-type\": \"new_environments\"", "\"detail-type\": \"new_environment\""));
        Path future = SampleFiles.write(dir, "future.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"detail-type\": \"new_environments\"", "\"detail-type\": \"environment_deleted\""));

        CliRun run = CliRun.of("parse", typo.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("coherence-events: note: " + typo + ": the detail-type 'new_environment' is not one Coherence "
                + "sends; did you mean new_environments? (It is read as an event of an unknown detail-type.)",
                run.err().strip());
        assertEquals("", CliRun.of("parse", future.toString()).err(), "a detail-type far from both is no typo");
        assertEquals("", CliRun.of("parse", SampleFiles.newEnvironments(dir).toString()).err());
    }

    @Test
    void saysPlainlyThatAUtf16FileIsNotUtf8() throws Exception {
        // Jackson reads FF FE as UTF-16 and reported the bytes as "Unrecognized token '最牡慢敧'".
        Path utf16 = java.nio.file.Files.write(dir.resolve("utf16.json"), ("\uFEFF"
                + CoherenceFixtures.documentedNewEnvironmentsJson()).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

        CliRun run = CliRun.of("parse", utf16.toString());

        assertEquals(1, run.exitCode());
        assertEquals("coherence-events: " + utf16 + " is not UTF-8 text: it looks like UTF-16 (it starts with the UTF-16 "
                + "byte-order mark 0xFF 0xFE). EventBridge events and patterns are UTF-8 JSON; convert it, e.g. with "
                + "iconv -f UTF-16 -t UTF-8.", run.err().strip());
    }

    @Test
    void namesNoJavaSettingWhenAStringExceedsWhatAnEventCanHold() {
        Path big = SampleFiles.write(dir, "big.json", CoherenceFixtures.documentedNewEnvironmentsJson()
                .replace("\"detail\": {", "\"detail\": {\"extra\": \"" + "x".repeat(300 * 1024) + "\","));

        CliRun run = CliRun.of("parse", big.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("exceeds the maximum allowed (262144)."), run.err());
        assertFalse(run.err().contains("StreamReadConstraints"), run.err());
    }
}
