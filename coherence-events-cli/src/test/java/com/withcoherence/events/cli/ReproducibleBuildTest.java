package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two clean builds of the committed sources produce byte-identical jars: runs {@code scripts/check-reproducible.sh},
 * so that every {@code ./mvnw -B verify} (and CI) proves it. Skipped outside a git checkout, where the script has no
 * committed sources to copy.
 */
class ReproducibleBuildTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void twoCleanBuildsGiveIdenticalJars() throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve(".git")) || Files.isRegularFile(ROOT.resolve(".git")),
                "a git checkout");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")) || Files.isExecutable(Path.of("/bin/git")),
                "git is installed");
        // The script's output goes to a file: read from a pipe only after waitFor, a failing build that prints both
        // Maven logs would fill the pipe and block the script until the timeout.
        Path log = Files.createDirectories(Path.of("target")).resolve("check-reproducible.log");
        Process process = new ProcessBuilder(ROOT.resolve("scripts/check-reproducible.sh").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            // The builds are the script's children: stop them too.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertTrue(finished, "the two builds took more than 8 minutes: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("byte-identical"), output);
    }
}
