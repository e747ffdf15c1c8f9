package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;

/** EventBridge's pattern validation, and the conformance table run through it and through event-ruler's Machine. */
class PatternValidatorTest {

    static List<PatternConformance.Case> validCases() {
        return PatternConformance.validCases();
    }

    static List<PatternConformance.Case> rejectedCases() {
        return PatternConformance.rejectedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void acceptsAndMatchesAsEventBridgeDoes(PatternConformance.Case c) throws Exception {
        EventPattern pattern = EventPattern.of(c.pattern());

        boolean expected = c.matches().orElseThrow();
        assertEquals(expected, matches(c.pattern(), c.event()), "the pattern as written, in event-ruler's Machine");
        assertEquals(expected, matches(pattern.json(), c.event()), "the compact json(), in event-ruler's Machine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCases")
    void rejectsWithEventBridgesError(PatternConformance.Case c) {
        PatternConformance.ExpectedError expected = c.error().orElseThrow();

        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.of(c.pattern()));

        assertEquals(expected.message(), e.getMessage());
        assertEquals(expected.code(), e.awsErrorCode());
        assertEquals(expected.message(), e.awsErrorMessage());
    }

    @Test
    void everyTableFileIsLoaded() throws Exception {
        Path directory = Path.of(PatternValidatorTest.class.getClassLoader().getResource("patterns").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(Set.copyOf(PatternConformance.FILES), files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json")).collect(Collectors.toSet()));
        }
    }

    @Test
    void theTableHasAtLeastSixtyCasesAndUniqueNames() {
        List<PatternConformance.Case> cases = PatternConformance.cases();
        assertTrue(cases.size() >= 60, "cases: " + cases.size());
        assertEquals(cases.size(), cases.stream().map(PatternConformance.Case::name).distinct().count());
    }

    // ------------------------------------------------------------------------- the wildcard complexity threshold

    @Test
    void theThresholdLiesBetweenTheAwsRecordedCases() throws Exception {
        int accepted = complexity("{\"FileName\": [{\"wildcard\": \"/Users/*/dir/dir/dir/dir/dir/doc.txt\"}]}");
        int rejected = complexity("{\"EventBusArn\": [{\"wildcard\": \"*:*:*:*:*:event-bus/*\"}]}");

        assertEquals(7, accepted, "AWS accepts content_wildcard_repeating");
        assertEquals(11, rejected, "AWS rejects content_wildcard_complex_EXC");
        assertTrue(accepted <= PatternValidator.MAX_WILDCARD_COMPLEXITY);
        assertTrue(PatternValidator.MAX_WILDCARD_COMPLEXITY < rejected);
    }

    @Test
    void acceptsAWildcardAtTheThreshold() throws Exception {
        String pattern = "{\"f\": [{\"wildcard\": \"*a*a*a*a*a\"}]}";

        assertEquals(PatternValidator.MAX_WILDCARD_COMPLEXITY, complexity(pattern));
        assertEquals("{\"f\":[{\"wildcard\":\"*a*a*a*a*a\"}]}", EventPattern.of(pattern).json());
    }

    @Test
    void rejectsAWildcardJustOverTheThreshold() throws Exception {
        String pattern = "{\"f\": [{\"wildcard\": \"*a*a*a*a*a*a\"}]}";

        assertTrue(complexity(pattern) > PatternValidator.MAX_WILDCARD_COMPLEXITY);
        assertEquals(PatternValidator.TOO_COMPLEX,
                assertThrows(EventPatternException.class, () -> EventPattern.of(pattern)).reason());
    }

    @Test
    void measuresTheComplexityOfAnythingButWildcardsToo() {
        assertEquals(PatternValidator.TOO_COMPLEX, assertThrows(EventPatternException.class, () -> EventPattern.of(
                "{\"f\": [{\"anything-but\": {\"wildcard\": \"*:*:*:*:*:event-bus/*\"}}]}")).reason());
    }

    @Test
    void addsTheComplexityOfWildcardsOnOneField() {
        // Each alone is accepted; on one field they share one automaton.
        String pattern = "{\"f\": [{\"wildcard\": \"*a*a*a\"}, {\"wildcard\": \"*b*b*b\"}, {\"wildcard\": \"*c*c*c\"}]}";

        assertEquals(PatternValidator.TOO_COMPLEX,
                assertThrows(EventPatternException.class, () -> EventPattern.of(pattern)).reason());
    }

    // ----------------------------------------------------------------------------- limits and hostile input

    @Test
    void rejectsRepeatedOrKeysBeforeEventRulerExpandsThem() {
        // 60 repeated $or of two branches would be 2^60 combinations inside JsonRuleCompiler.
        String pattern = IntStream.range(0, 60).mapToObj(i -> "\"$or\":[{\"a\":[1]},{\"b\":[1]}]")
                .collect(Collectors.joining(",", "{", "}"));

        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.of(pattern));

        assertTrue(e.reason().startsWith("The $or expressions of the pattern expand to more than 1000"), e.reason());
    }

    @Test
    void rejectsOneCombinationOverTheLimit() {
        // 7 x 11 x 13 = 1001
        String pattern = "{" + or("a", 7) + ",\"x\":{" + or("b", 11) + "},\"y\":{" + or("c", 13) + "}}";

        assertTrue(assertThrows(EventPatternException.class, () -> EventPattern.of(pattern)).reason()
                .contains("more than 1000 rule combinations"));
    }

    @Test
    void reportsASyntaxErrorRatherThanExpandingCombinations() {
        String pattern = IntStream.range(0, 40).mapToObj(i -> "\"$or\":[{\"a\":[1]},{\"b\":[1]}]")
                .collect(Collectors.joining(",", "{", ",}"));

        assertTrue(assertThrows(EventPatternException.class, () -> EventPattern.of(pattern)).reason()
                .startsWith("Unexpected character ('}'"));
    }

    @Test
    void rejectsMoreFieldsThanEventRulerCanHoldInOneRule() {
        String pattern = IntStream.range(0, 257).mapToObj(i -> "\"f" + i + "\":[1]")
                .collect(Collectors.joining(",", "{", "}"));

        EventPatternException e = assertThrows(EventPatternException.class, () -> EventPattern.of(pattern));

        assertEquals("The pattern matches on 257 fields in one combination; event-ruler, EventBridge's pattern engine, "
                + "allows at most 256. Match on fewer fields.", e.reason());
    }

    @Test
    void acceptsDeepButShortPatterns() {
        String pattern = "{\"a\":".repeat(200) + "[1]" + "}".repeat(200);

        assertEquals(pattern, EventPattern.of(pattern).json());
    }

    @Test
    void reportsTheFirstProblemInTheTextWhetherEventRulerOrEventBridgeFindsIt() {
        assertTrue(EventPattern.check("{\"a\": [{\"exactly\": \"x\"}], \"b\": 1}").orElseThrow()
                .startsWith("Unrecognized match type exactly"));
        assertTrue(EventPattern.check("{\"b\": 1, \"a\": [{\"exactly\": \"x\"}]}").orElseThrow()
                .startsWith("\"b\" must be an object or an array"));
    }

    @Test
    void aCachedRejectionIsThrownAsANewException() {
        String pattern = "{\"a\": [{\"prefix\": 1}]}";

        EventPatternException first = assertThrows(EventPatternException.class, () -> EventPattern.of(pattern));
        EventPatternException second = assertThrows(EventPatternException.class, () -> EventPattern.of(pattern));

        assertNotSame(first, second);
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(first.pointer(), second.pointer());
    }

    @Test
    void validatesFromManyThreadsAtOnce() throws Exception {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            patterns.add("{\"source\": [\"Coherence\"], \"detail\": {\"n\": [" + i + "]}}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String pattern : patterns) {
                    results.add(pool.submit(() -> EventPattern.of(pattern).json()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                int n = i % patterns.size();
                assertEquals("{\"source\":[\"Coherence\"],\"detail\":{\"n\":[" + n + "]}}", results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String or(String name, int branches) {
        return IntStream.range(0, branches).mapToObj(i -> "{\"" + name + i + "\":[1]}")
                .collect(Collectors.joining(",", "\"$or\":[", "]"));
    }

    private static int complexity(String pattern) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("rule", pattern);
        return machine.evaluateComplexity(new MachineComplexityEvaluator(100));
    }

    private static boolean matches(String pattern, String event) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("rule", pattern);
        return machine.rulesForJSONEvent(event).contains("rule");
    }
    @Test
    void reportsWhicheverProblemComesFirstInTheText() {
        String exactlyFirst = "{\"a\": [{\"exactly\": \"x\"}], \"b\": \"not an array\"}";
        String compilerFirst = "{\"b\": \"not an array\", \"a\": [{\"exactly\": \"x\"}]}";

        assertTrue(EventPattern.check(exactlyFirst).orElseThrow().startsWith("Unrecognized match type exactly"),
                EventPattern.check(exactlyFirst)::toString);
        assertTrue(EventPattern.check(compilerFirst).orElseThrow().startsWith("\"b\" must be an object or an array"),
                EventPattern.check(compilerFirst)::toString);
    }
    /**
     * A known fault of event-ruler 2.1.0, found by fuzzing {@code EventPatternPropertyTest}: inside one rule's
     * {@code $or}, a branch whose value list starts with a value an earlier branch already lists loses the values that
     * follow it. EventPattern.builder() can write such a pattern (a group with detail-type new_environments, then one
     * with new_environments and valid_environments). Whether EventBridge shares the fault is not recorded; see
     * docs/quality.md. When this test fails, event-ruler has fixed it: delete the test and the note.
     */
    @Test
    void eventRulerLosesValuesOfAnOrBranchThatStartsWithAValueOfAnEarlierBranch() throws Exception {
        String event = "{\"n\":\"b\"}";

        // Listing "b" first does not avoid it: such a pattern matches in about half of all fresh machines.
        for (int machine = 0; machine < 20; machine++) {
            assertEquals(false, matches("{\"$or\":[{\"n\":[\"a\"]},{\"n\":[\"a\",\"b\"]}]}", event), "the fault");
            assertEquals(true, matches("{\"$or\":[{\"n\":[\"a\"]},{\"n\":[\"b\"]}]}", event), "no repeated value");
            assertEquals(true, matches("{\"n\":[\"a\",\"b\"]}", event), "without $or");
        }
    }
}
