package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Patterns;

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
    /**
     * The scanner against event-ruler and an independent compaction, on patterns that put nested values in every
     * position the walk skips (operands that are arrays or objects, anything-but lists and objects, $or inside $or)
     * followed by $or that must still be counted, and on the whole conformance table.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("walkedPatterns")
    void countsCombinationsAsEventRulerBuildsThemAndCompactsAsWritten(String pattern) throws Exception {
        PatternScanner.Scan scan = PatternScanner.scan(pattern);
        List<Map<String, List<Patterns>>> rules = JsonRuleCompiler.compile(pattern);

        assertEquals(rules.size(), scan.combinations(), pattern);
        assertEquals(compact(pattern), scan.compactJson());
        assertEquals(pattern.contains("\"wildcard\""), scan.hasWildcard());
        assertNull(scan.syntax());
        assertNull(scan.trailing());
    }

    static Stream<String> walkedPatterns() {
        String or2 = "\"$or\":[{\"b\":[\"x\"]},{\"c\":[\"y\"]}]";
        Stream<String> crafted = Stream.of(
                "{\"a\":[{\"numeric\":[\">\",0,\"<=\",5]}]," + or2 + "}",
                "{\"a\":[{\"anything-but\":{\"prefix\":\"x\"}}]," + or2
                        + ",\"d\":{\"$or\":[{\"e\":[1]},{\"f\":[1]},{\"g\":[1]}]}}",
                "{\"a\":[{\"anything-but\":[\"x\",\"y\",\"z\"]}]," + or2 + "}",
                "{\"a\":[{\"anything-but\":{\"prefix\":[\"x\",\"y\"]}}]," + or2 + "}",
                "{\"a\":[{\"anything-but\":{\"wildcard\":\"x*\"}}]," + or2 + "}",
                "{\"a\":[{\"anything-but\":[1,2]},{\"exists\":true}]," + or2 + "}",
                "{\"a\":[{\"wildcard\":\"x*y\"}],\"b\":[true,false,null,1.5e3,-0]," + or2 + "}",
                "{\"a\":[{\"cidr\":\"10.0.0.0/24\"},{\"equals-ignore-case\":\"Q\"}]," + or2 + "}",
                "{\"$or\":[{\"a\":[1]},{\"b\":[{\"numeric\":[\"=\",3]}],\"$or\":[{\"c\":[1]},{\"d\":[1]}]}]}",
                "{\"$or\":[{\"x\":{\"y\":[1,2]},\"z\":[{\"prefix\":\"p\"}]},{\"w\":[{\"suffix\":\"s\"}]}],"
                        + "\"v\":{\"$or\":[{\"u\":[1]},{\"t\":[1]}]}}");
        Stream<String> table = PatternConformance.validCases().stream().map(PatternConformance.Case::pattern)
                .filter(p -> EventPattern.check(p).isEmpty());
        return Stream.concat(crafted, table);
    }

    @Test
    void boundsTheCombinationsBeforeASyntaxErrorByTheBranchesReadSoFar() {
        PatternScanner.Scan scan = PatternScanner.scan(
                "{\"$or\":[{\"a\":[1]},{\"b\":[1]}],\"$or\":[{\"c\":[1]},{\"d\":[1]},{\"e\":[1]}, nope");

        assertEquals(6, scan.combinations());
        assertNull(scan.compactJson());
        assertTrue(scan.syntax().offset() > 40, () -> "the offset of the error: " + scan.syntax());
        assertEquals("/$or/3", scan.syntax().pointer());
    }

    @Test
    void pointsAtAValueAfterALongString() {
        String json = "{\"detail\": {\"name\": [\"" + "x".repeat(5_000) + "\"], \"state\": [{\"exactly\": 1}]}}";

        assertEquals("/detail/name/0", PatternScanner.pointerAt(json, json.indexOf("x") + 4_000));
        assertEquals("/detail/state/0/exactly", PatternScanner.pointerAt(json, json.indexOf("1}")));
    }

    /** Compacts with a plain jackson-core copy, numbers by their text. */
    private static String compact(String json) throws Exception {
        JsonFactory factory = new JsonFactory();
        StringWriter out = new StringWriter();
        try (JsonParser p = factory.createParser(json); JsonGenerator g = factory.createGenerator(out)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    g.writeNumber(p.getText());
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        }
        return out.toString();
    }
}
