package com.withcoherence.events.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /** What a message calls the input: the file's name, or standard input for {@code -}. */
    static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    /**
     * Refuses UTF-16 and UTF-32 text before a JSON parser sees it: Jackson detects those encodings by their first
     * bytes and reports the bytes as Chinese characters ({@code Unrecognized token '最牡慢敧'}). EventBridge events
     * and patterns are UTF-8 JSON, where a byte-order mark FF FE or FE FF or a zero byte cannot occur.
     *
     * @throws CliException with exit code 1, naming the encoding found
     */
    static byte[] requireUtf8Encoding(byte[] bytes, String name) {
        String encoding = null;
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            encoding = "UTF-32 (it starts with a UTF-32 byte-order mark)";
        } else if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            encoding = "UTF-16 (it starts with the UTF-16 byte-order mark " + hex(bytes[0]) + " " + hex(bytes[1])
                    + ")";
        } else {
            for (int i = 0; i < Math.min(4, bytes.length); i++) {
                if (bytes[i] == 0) {
                    encoding = "UTF-16 or UTF-32 (its first bytes hold a zero byte)";
                    break;
                }
            }
        }
        if (encoding != null) {
            throw new CliException(ExitCode.NEGATIVE, name + " is not UTF-8 text: it looks like " + encoding
                    + ". EventBridge events and patterns are UTF-8 JSON; convert it, e.g. with iconv -f "
                    + (encoding.startsWith("UTF-32") ? "UTF-32" : "UTF-16") + " -t UTF-8.");
        }
        return bytes;
    }

    /**
     * Decodes UTF-8 strictly, without the byte-order mark some editors write: {@code new String(bytes, UTF_8)}
     * would silently replace a bad byte with U+FFFD and so accept a file that parse rejects.
     *
     * @throws CliException with exit code 1, giving the offset of the first byte that is not UTF-8
     */
    static String utf8(byte[] bytes, String name) {
        requireUtf8Encoding(bytes, name);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new CliException(ExitCode.NEGATIVE, name + " is not UTF-8 text: the byte " + hex(bytes[offset])
                    + " at offset " + offset + " (line " + line(bytes, offset) + ") is not valid UTF-8. Save the "
                    + "file as UTF-8.");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int line(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }

    private static byte[] checkSize(byte[] bytes, String what) {
        if (bytes.length > MAX_BYTES) {
            throw new CliException(ExitCode.USAGE, what + " holds more than " + MAX_BYTES + " bytes; an "
                    + "EventBridge event is at most 256 KB.");
        }
        return bytes;
    }
}
