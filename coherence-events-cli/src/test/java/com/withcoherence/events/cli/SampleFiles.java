package com.withcoherence.events.cli;

import com.withcoherence.events.testkit.CoherenceFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real files for the CLI to read: the documented events (from the testkit) and anything a test writes. */
final class SampleFiles {

    private SampleFiles() {
    }

    static Path newEnvironments(Path dir) {
        return write(dir, "new-environments.json", CoherenceFixtures.documentedNewEnvironmentsJson());
    }

    static Path validEnvironments(Path dir) {
        return write(dir, "valid-environments.json", CoherenceFixtures.documentedValidEnvironmentsJson());
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
