package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The streaming pass that runs before event-ruler: combinations, unsupported constructs, compact form. */
class PatternScannerTest {

    @Test
    void aPatternWithoutOrIsOneCombination() {
        assertEquals(1, PatternScanner.scan("{\"source\":[\"Coherence\"],\"detail\":{\"a\":[1,2,3]}}").combinations());
    }

    @Test
    void theBranchesOfOneOrAddUp() {
        assertEquals(3, PatternScanner.scan("{\"$or\":[{\"a\":[1]},{\"b\":[1]},{\"c\":[1]}]}").combinations());
    }

    @Test
    void siblingOrsMultiply() {
        assertEquals(6, PatternScanner.scan(
                "{\"$or\":[{\"a\":[1]},{\"b\":[1]}],\"x\":{\"$or\":[{\"c\":[1]},{\"d\":[1]},{\"e\":[1]}]}}").combinations());
    }

    @Test
    void repeatedOrKeysMultiplyAsEventRulerCompilesThem() {
        assertEquals(4, PatternScanner.scan("{\"$or\":[{\"a\":[1]},{\"b\":[1]}],\"$or\":[{\"c\":[1]},{\"d\":[1]}]}")
                .combinations());
    }

    @Test
    void nestedOrsMultiplyWithinTheirBranch() {
        // (a AND (b OR c)) OR d: 2 + 1
        assertEquals(3, PatternScanner.scan(
                "{\"$or\":[{\"a\":[1],\"$or\":[{\"b\":[1]},{\"c\":[1]}]},{\"d\":[1]}]}").combinations());
    }

    @Test
    void theCountSaturatesJustAboveTheLimit() {
        String many = IntStream.range(0, 40).mapToObj(i -> "\"$or\":[{\"a\":[1]},{\"b\":[1]}]")
                .collect(Collectors.joining(",", "{", "}"));

        assertEquals(PatternScanner.MAX_COMBINATIONS + 1, PatternScanner.scan(many).combinations());
    }

    @Test
    void writesTheCompactFormWithNumbersAsWritten() {
        PatternScanner.Scan scan = PatternScanner.scan("{\n \"n\" : [ 3.018e2, -0.0, 10 ],\t\"s\": [\"a b\", null, true] }");

        assertEquals("{\"n\":[3.018e2,-0.0,10],\"s\":[\"a b\",null,true]}", scan.compactJson());
    }

    @Test
    void findsWildcardsInMatchExpressionsAndAnythingBut() {
        assertTrue(PatternScanner.scan("{\"a\":[{\"wildcard\":\"*x\"}]}").hasWildcard());
        assertTrue(PatternScanner.scan("{\"a\":[{\"anything-but\":{\"wildcard\":[\"*x\"]}}]}").hasWildcard());
        assertFalse(PatternScanner.scan("{\"wildcard\":[\"*x\"]}").hasWildcard(), "a field named wildcard is a field");
    }

    @Test
    void reportsExactlyWhereEventRulerReportsAnUnknownOperator() {
        PatternScanner.Problem problem = PatternScanner.scan("{\"a\": [{\"exactly\": [\"x\"]}]}").unsupported();

        assertNotNull(problem);
        assertEquals("Unrecognized match type exactly\n at [Source: (String)\"{\"a\": [{\"exactly\": [\"x\"]}]}\"; "
                + "line: 1, column: 21]", problem.reason());
        assertEquals("/a/0/exactly", problem.pointer());
    }

    @Test
    void exactlyAsAFieldNameIsAllowed() {
        assertNull(PatternScanner.scan("{\"exactly\":[\"x\"],\"b\":{\"exactly\":[1]}}").unsupported());
    }

    @Test
    void reportsAnEmptyListInsideAnythingBut() {
        PatternScanner.Problem problem =
                PatternScanner.scan("{\"a\":[{\"anything-but\":{\"prefix\":[]}}]}").unsupported();

        assertNotNull(problem);
        assertTrue(problem.reason().startsWith("Empty arrays are not allowed\n at "), problem.reason());
    }

    @Test
    void reportsContentAfterThePatternObject() {
        assertNotNull(PatternScanner.scan("{\"a\":[1]} {\"b\":[2]}").trailing());
        assertNotNull(PatternScanner.scan("{\"a\":[1]} x").trailing());
        assertNull(PatternScanner.scan("{\"a\":[1]} \n\t ").trailing());
    }

    @Test
    void reportsSyntaxErrorsWithTheirPointer() {
        PatternScanner.Scan scan = PatternScanner.scan("{\"a\": {\"b\": [1,}}");

        assertNull(scan.compactJson());
        assertNotNull(scan.syntax());
        assertEquals("/a/b/1", scan.syntax().pointer());
    }

    @Test
    void locatesUnrecognizedTokensAfterTheTokenAsEventBridgeDoes() {
        String current = "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', "
                + "'true' or 'false')\n at [Source: (String)\"this is x\"; line: 1, column: 1]";

        assertEquals(current.replace("column: 1]", "column: 5]"), PatternScanner.awsLocation(current));
        assertEquals("Empty arrays are not allowed\n at [Source: (String)\"{}\"; line: 1, column: 3]",
                PatternScanner.awsLocation("Empty arrays are not allowed\n at [Source: (String)\"{}\"; line: 1, column: 3]"));
    }

    @Test
    void pointsAtTheValueAParseErrorOffsetFollows() {
        String json = "{\"detail\": {\"state\": [{\"anything-but\": null}]}}";

        assertEquals("/detail/state/0/anything-but", PatternScanner.pointerAt(json, json.indexOf("null") + 4));
        assertEquals("", PatternScanner.pointerAt(json, -1));
    }
}
