package com.withcoherence.events.model;

/**
 * Thrown when input is not a valid Coherence event, when a value object is built from invalid parts, or (as its one
 * subclass {@link EventPatternException}) when an EventBridge event pattern is not valid.
 *
 * <p>It is thrown by every parse method of {@link CoherenceEvents}, by the constructors of the event records, by
 * {@link CoherenceBus}, and by {@link EventPattern}. The family is sealed: catch this type for every failure of the
 * model, or {@link EventPatternException} for a pattern EventBridge would reject. Its {@link #pointer()} is the <a href="https://www.rfc-editor.org/rfc/rfc6901">JSON
 * pointer</a> of the offending value in the document that was read (the empty string for the document itself), and
 * its message says what was expected there and what to do about it. Typical causes are a handler wired to events
 * that are not Coherence's (check the rule's pattern selects {@code "source": ["Coherence"]}), a target with an
 * {@code InputPath} or {@code InputTransformer} that delivers only part of the event (deliver the whole event), or
 * a hand-written test event missing an envelope field (use the testkit's fixtures).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public sealed class CoherenceEventException extends RuntimeException permits EventPatternException {

    private static final long serialVersionUID = 1L;

    private static final String EVENT = "Invalid Coherence event";

    /** The JSON pointer of the offending value; {@code ""} for the whole document. */
    private final String pointer;

    /** What is wrong at the pointer and how to fix it. */
    private final String problem;

    /** What was being read or built, e.g. "Invalid Coherence event" or "Invalid tracker state". */
    private final String subject;

    /**
     * Creates an exception for the value at {@code pointer}.
     *
     * @param pointer the JSON pointer of the offending value, {@code ""} for the whole document; {@code null} is
     *     taken as {@code ""}
     * @param problem what is wrong there and how to fix it; {@code null} is taken as an empty description
     */
    public CoherenceEventException(String pointer, String problem) {
        this(pointer, problem, null);
    }

    /**
     * Creates an exception for the value at {@code pointer}, caused by {@code cause}.
     *
     * @param pointer the JSON pointer of the offending value, {@code ""} for the whole document; {@code null} is
     *     taken as {@code ""}
     * @param problem what is wrong there and how to fix it; {@code null} is taken as an empty description
     * @param cause the underlying failure, possibly {@code null}
     */
    public CoherenceEventException(String pointer, String problem, Throwable cause) {
        this(EVENT, pointer, problem, cause, true);
    }

    private CoherenceEventException(String subject, String pointer, String problem, Throwable cause,
            boolean formatted) {
        super(format(subject, pointer == null ? "" : pointer, problem == null ? "" : problem), cause);
        this.subject = subject;
        this.pointer = pointer == null ? "" : pointer;
        this.problem = problem == null ? "" : problem;
    }

    /**
     * Creates an exception about something other than an event (tracker state, settings, an argument), so that its
     * message does not claim an event was invalid: {@code "<subject> at <pointer>: <problem>"}, or
     * {@code "<subject>: <problem>"} when the pointer is empty.
     */
    static CoherenceEventException about(String subject, String pointer, String problem) {
        return new CoherenceEventException(subject, pointer, problem, null, true);
    }

    /** As {@link #about(String, String, String)}, with a cause. */
    static CoherenceEventException about(String subject, String pointer, String problem, Throwable cause) {
        return new CoherenceEventException(subject, pointer, problem, cause, true);
    }

    /**
     * Creates an exception whose {@link #getMessage()} is {@code message} as given, for subclasses whose messages
     * follow another format (EventBridge's, for {@link EventPatternException}).
     */
    CoherenceEventException(String message, String pointer, String problem, Throwable cause) {
        super(message, cause);
        this.subject = EVENT;
        this.pointer = pointer == null ? "" : pointer;
        this.problem = problem == null ? "" : problem;
    }

    private static String format(String subject, String pointer, String problem) {
        StringBuilder message = new StringBuilder(subject.length() + problem.length() + pointer.length() + 24);
        message.append(subject);
        if (subject.equals(EVENT)) {
            message.append(" at ").append(pointer.isEmpty() ? "the document root" : pointer);
        } else if (!pointer.isEmpty()) {
            message.append(" at ").append(pointer);
        }
        return message.append(": ").append(problem).toString();
    }

    /**
     * Returns the JSON pointer of the offending value: in the event for a parse failure, in the pattern for an
     * {@link EventPatternException}.
     *
     * @return the pointer, {@code ""} for the whole document; never {@code null}
     */
    public String pointer() {
        return pointer;
    }

    /**
     * Returns what is wrong at {@link #pointer()}, without the pointer prefix of {@link #getMessage()}.
     *
     * @return the description; never {@code null}
     */
    public String problem() {
        return problem;
    }

    /** Returns a copy whose pointer is prefixed with {@code prefix} (for values read from a nested document). */
    CoherenceEventException under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        CoherenceEventException moved = new CoherenceEventException(subject, prefix + pointer, problem, getCause(), true);
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
