package com.withcoherence.events.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files commands take, {@code -} meaning standard input. */
final class Inputs {

    /** Larger than any EventBridge event or pattern by far; stops a wrong file (a log, a dump) early. */
    private static final int MAX_BYTES = 8 << 20;

    private Inputs() {
    }

    static byte[] read(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
                return checkSize(bytes, "standard input");
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new CliException(ExitCode.USAGE, file + " is a directory; pass a JSON file, or - for standard "
                        + "input.");
            }
            // Never trust Files.size: it is 0 for a pipe, a FIFO or a device such as /dev/zero, whose content has no
            // end. Read at most one byte more than allowed, whatever the file is.
            try (InputStream in = Files.newInputStream(path)) {
                return checkSize(in.readNBytes(MAX_BYTES + 1), file);
            }
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] checkSize(byte[] bytes, String what) {
        if (bytes.length > MAX_BYTES) {
            throw new CliException(ExitCode.USAGE, what + " holds more than " + MAX_BYTES + " bytes; an "
                    + "EventBridge event is at most 256 KB.");
        }
        return bytes;
    }
}
