package com.withcoherence.events.testkit;

import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.model.EventPatternException;
import software.amazon.event.ruler.Machine;

/**
 * The one place the testkit decides whether EventBridge accepts an event pattern, and the one place that builds
 * event-ruler machines from patterns.
 *
 * <p>Validation is the model's {@link EventPattern#of(String, int)}: event-ruler's {@code JsonRuleCompiler} plus
 * what EventBridge checks on top (the pattern-size quota, wildcard complexity, the {@code $or} combination cap, no
 * {@code exactly}), answered with the error code and message EventBridge's API uses.
 */
final class PatternValidation {

    private PatternValidation() {
    }

    /**
     * Throws the service's error ({@code InvalidEventPatternException}, or {@code ValidationException} beyond the
     * API's 4,096 characters) if EventBridge would reject {@code pattern} for an account whose pattern-size quota is
     * {@code maxLength}.
     */
    static void validate(String pattern, int maxLength) {
        try {
            EventPattern.of(pattern, maxLength);
        } catch (EventPatternException e) {
            throw new EventBridgeServiceException(e.awsErrorCode(), e.awsErrorMessage());
        }
    }

    /** A fresh machine holding one validated pattern under {@code name}. */
    static Machine machineFor(String name, String pattern) {
        Machine machine = Machine.builder().build();
        add(machine, name, pattern);
        return machine;
    }

    /** Adds a validated pattern to a machine; the engine refusing one is the testkit's fault, not the caller's. */
    static void add(Machine machine, String name, String pattern) {
        try {
            machine.addRule(name, pattern);
        } catch (Exception e) {
            throw new EventBridgeServiceException(EventBridgeServiceException.INTERNAL, "event-ruler refused the "
                    + "pattern of " + name + " although EventPattern.of accepted it (" + e.getMessage() + "); please "
                    + "report this with the pattern: " + pattern);
        }
    }
}
