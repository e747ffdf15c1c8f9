package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    @Test
    void indentsForPeople() {
        assertEquals("{\n  \"a\" : [ 1, {\n    \"b\" : \"x\"\n  } ],\n  \"c\" : null\n}",
                PrettyJson.indent("{\"a\":[1,{\"b\":\"x\"}],\"c\":null}").replace(System.lineSeparator(), "\n"));
    }

    @Test
    void copiesEveryNumberAsWrittenNeverThroughADouble() {
        String indented = PrettyJson.indent("{\"n\":-999999999999999999E99999,\"m\":0.10000000000000000000000001,"
                + "\"i\":123456789012345678901234567890,\"z\":-0.0,\"e\":1e2}");

        assertEquals("{\n  \"n\" : -999999999999999999E99999,\n  \"m\" : 0.10000000000000000000000001,\n"
                + "  \"i\" : 123456789012345678901234567890,\n  \"z\" : -0.0,\n  \"e\" : 1e2\n}",
                indented.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void copiesStringsAndNamesExactly() {
        String indented = PrettyJson.indent("{\"caf\\u00e9 \\\"q\\\"\":\"\\ud83d\\ude00 tab\\t\"}");

        assertEquals("{\n  \"café \\\"q\\\"\" : \"\uD83D\uDE00 tab\\t\"\n}", indented.replace(System.lineSeparator(),
                "\n"));
    }
}
