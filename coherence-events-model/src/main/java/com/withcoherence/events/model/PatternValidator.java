package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;
import software.amazon.event.ruler.Patterns;

/**
 * Validates a pattern the way EventBridge does: event-ruler's {@code JsonRuleCompiler} (the compiler with
 * {@code $or}), then the checks EventBridge adds on top of the library.
 *
 * <p>This is the only class of the model that touches event-ruler, an optional dependency: it is loaded only by
 * {@link EventPattern#of(String)} after that has checked event-ruler is on the class path, never by parsing or by
 * the builder. Stateless; thread-safe.
 */
final class PatternValidator {

    /**
     * The highest wildcard complexity ({@link MachineComplexityEvaluator}) EventBridge accepts. AWS does not publish
     * it; AWS-recorded cases bound it: {@code "/Users/*}{@code /dir/dir/dir/dir/dir/doc.txt"} (complexity 7) is
     * accepted and {@code "*:*:*:*:*:event-bus/*"} (complexity 11) is rejected, so it is 7, 8, 9 or 10. We take 10,
     * the most permissive: a pattern this library rejects must be one EventBridge rejects, while one that slips
     * through still gets EventBridge's own answer from PutRule.
     */
    static final int MAX_WILDCARD_COMPLEXITY = 10;

    /** EventBridge's message for a wildcard pattern over the complexity limit (AWS-recorded). */
    static final String TOO_COMPLEX = "Rule is too complex - try using fewer wildcard characters or fewer repeating "
            + "character sequences after a wildcard character";

    /** event-ruler's hard limit on the fields of one rule combination ({@code GenericMachine.MAXIMUM_RULE_SIZE}). */
    private static final int MAX_RULE_FIELDS = 256;

    private static final String RULE_NAME = "pattern";

    /**
     * Patterns already validated, by their text. Validating costs tens to hundreds of microseconds (a Machine per
     * pattern, and the complexity walk for wildcards), and an emulator validates the same few patterns on every
     * PutRule and TestEventPattern. Bounded by clearing: patterns are small and few, so a rare refill is cheaper
     * than an LRU.
     */
    private static final Map<String, Outcome> VALIDATED = new ConcurrentHashMap<>();

    private static final int MAX_VALIDATED = 256;

    private PatternValidator() {
    }

    /** A validation's result: the compact form, or the rejection to throw again (with a fresh stack trace). */
    private record Outcome(String compactJson, String pointer, String reason, Throwable cause) {
    }

    /**
     * Validates {@code json}, whose length has been checked, and returns its compact form.
     *
     * @throws EventPatternException if EventBridge would reject the pattern
     */
    static String validate(String json) {
        Outcome outcome = VALIDATED.get(json);
        if (outcome == null) {
            try {
                outcome = new Outcome(uncached(json), null, null, null);
            } catch (EventPatternException e) {
                outcome = new Outcome(null, e.pointer(), e.reason(), e.getCause());
            }
            if (VALIDATED.size() >= MAX_VALIDATED) {
                VALIDATED.clear();
            }
            VALIDATED.put(json, outcome);
        }
        if (outcome.compactJson() == null) {
            throw new EventPatternException(outcome.pointer(), outcome.reason(), outcome.cause());
        }
        return outcome.compactJson();
    }

    private static String uncached(String json) {
        PatternScanner.Scan scan = PatternScanner.scan(json);
        if (scan.combinations() > PatternScanner.MAX_COMBINATIONS) {
            if (scan.syntax() != null) {
                // Compiling would expand the combinations before reaching the syntax error.
                throw problem(scan.syntax());
            }
            throw new EventPatternException("", "The $or expressions of the pattern expand to more than "
                    + PatternScanner.MAX_COMBINATIONS + " rule combinations (sibling and repeated $or multiply, the "
                    + "branches of one $or add up); EventBridge allows at most " + PatternScanner.MAX_COMBINATIONS
                    + ". Use fewer $or branches, or list alternative values in one field's array instead.");
        }

        List<Map<String, List<Patterns>>> rules;
        try {
            rules = JsonRuleCompiler.compile(json);
        } catch (Exception e) {
            PatternScanner.Problem compiler = compilerProblem(json, e);
            PatternScanner.Problem unsupported = scan.unsupported();
            // EventBridge reports the first problem in the text; event-ruler stops at its first, so a construct
            // EventBridge rejects earlier in the text wins.
            if (unsupported != null && compiler.offset() >= 0 && unsupported.offset() < compiler.offset()) {
                throw problem(unsupported);
            }
            throw problem(compiler);
        }
        if (scan.unsupported() != null) {
            throw problem(scan.unsupported());
        }
        if (scan.trailing() != null) {
            throw problem(scan.trailing());
        }

        Machine machine = Machine.builder().build();
        try {
            for (Map<String, List<Patterns>> rule : rules) {
                machine.addPatternRule(RULE_NAME, rule);
            }
        } catch (RuntimeException e) {
            throw machineProblem(rules, e);
        }
        if (scan.hasWildcard()) {
            int complexity = machine.evaluateComplexity(new MachineComplexityEvaluator(MAX_WILDCARD_COMPLEXITY + 1));
            if (complexity > MAX_WILDCARD_COMPLEXITY) {
                throw new EventPatternException("", TOO_COMPLEX);
            }
        }
        return scan.compactJson();
    }

    private static PatternScanner.Problem compilerProblem(String json, Exception e) {
        String message = e.getLocalizedMessage();
        if (message == null) {
            message = e.toString();
        }
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            long offset = jpe.getLocation().getCharOffset();
            return new PatternScanner.Problem(PatternScanner.awsLocation(message), offset,
                    PatternScanner.pointerAt(json, offset));
        }
        // CIDR problems carry no location, in event-ruler as in EventBridge ("Malformed CIDR, one '/' required").
        return new PatternScanner.Problem(message, -1, "");
    }

    private static EventPatternException machineProblem(List<Map<String, List<Patterns>>> rules,
            RuntimeException e) {
        for (Map<String, List<Patterns>> rule : rules) {
            if (rule.size() > MAX_RULE_FIELDS) {
                return new EventPatternException("", "The pattern matches on " + rule.size() + " fields in one "
                        + "combination; event-ruler, EventBridge's pattern engine, allows at most " + MAX_RULE_FIELDS
                        + ". Match on fewer fields.");
            }
        }
        return new EventPatternException("", "event-ruler, EventBridge's pattern engine, cannot compile the pattern ("
                + e + "); please report this pattern to coherence-events.", e);
    }

    private static EventPatternException problem(PatternScanner.Problem problem) {
        return new EventPatternException(problem.pointer(), problem.reason());
    }
}
