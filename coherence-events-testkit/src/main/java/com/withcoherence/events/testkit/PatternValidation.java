package com.withcoherence.events.testkit;

import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * The one place the testkit decides whether EventBridge accepts an event pattern, and the one place that builds
 * event-ruler machines from patterns.
 *
 * <p>Validation belongs to the model's {@code EventPattern.of} (event-ruler's {@code JsonRuleCompiler} plus
 * EventBridge's own rules: the 2,048-character quota, wildcard complexity, the {@code $or} combination cap, no
 * {@code exactly}); until that lands this seam asks event-ruler alone, and nothing here adds rules of its own.
 */
final class PatternValidation {

    private static final String PREFIX = "Event pattern is not valid. Reason: ";

    private PatternValidation() {
    }

    /**
     * Throws the service's {@code InvalidEventPatternException} if EventBridge would reject {@code pattern}.
     */
    static void validate(String pattern) {
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw invalid(problem);
        }
        // A pattern the compiler accepts can still be refused by the engine (more than 256 field paths).
        machineFor("pattern", pattern);
    }

    /** A fresh machine holding one pattern under {@code name}; a pattern the engine refuses is an invalid one. */
    static Machine machineFor(String name, String pattern) {
        Machine machine = Machine.builder().build();
        add(machine, name, pattern);
        return machine;
    }

    static void add(Machine machine, String name, String pattern) {
        try {
            machine.addRule(name, pattern);
        } catch (Exception e) {
            throw invalid(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static EventBridgeServiceException invalid(String reason) {
        return new EventBridgeServiceException(EventBridgeServiceException.INVALID_EVENT_PATTERN, PREFIX + reason);
    }
}
