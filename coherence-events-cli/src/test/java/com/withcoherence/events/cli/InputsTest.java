package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputsTest {

    @Test
    void decodesUtf8WithoutItsByteOrderMark() {
        assertEquals("{\"a\":\"é\"}", Inputs.utf8("\uFEFF{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8), "f"));
    }

    @Test
    void refusesABadByteNamingItsOffsetAndLine() {
        byte[] bytes = "{\n\"a\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        bytes[8] = (byte) 0xC3; // a lead byte followed by '"', not by a continuation byte

        CliException e = assertThrows(CliException.class, () -> Inputs.utf8(bytes, "e.json"));

        assertEquals(ExitCode.NEGATIVE, e.exitCode());
        assertEquals("e.json is not UTF-8 text: the byte 0xC3 at offset 8 (line 2) is not valid UTF-8. Save the file "
                + "as UTF-8.", e.getMessage());
    }

    @Test
    void saysPlainlyThatUtf16IsNotUtf8() {
        byte[] utf16 = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        byte[] withoutMark = "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE);

        CliException e = assertThrows(CliException.class, () -> Inputs.requireUtf8Encoding(utf16, "e.json"));
        assertEquals("e.json is not UTF-8 text: it looks like UTF-16 (it starts with the UTF-16 byte-order mark 0xFF "
                + "0xFE). EventBridge events and patterns are UTF-8 JSON; convert it, e.g. with iconv -f UTF-16 -t "
                + "UTF-8.", e.getMessage());
        assertThrows(CliException.class, () -> Inputs.utf8(withoutMark, "e.json"));
    }

    @Test
    void namesStandardInput() {
        assertEquals("standard input", Inputs.name("-"));
        assertEquals("e.json", Inputs.name("e.json"));
    }
}
