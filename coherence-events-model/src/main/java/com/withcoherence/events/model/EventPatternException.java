package com.withcoherence.events.model;

/**
 * Thrown when an EventBridge event pattern is not valid: the error EventBridge's {@code PutRule} and
 * {@code TestEventPattern} would answer, raised locally before any call to AWS.
 *
 * <p>{@link #getMessage()} is EventBridge's text, {@code "Event pattern is not valid. Reason: " + reason()}, and for
 * the reasons event-ruler reports (EventBridge's own pattern engine) the reason is the service's text too, with the
 * parse location EventBridge appends, for example:
 *
 * <pre>{@code
 * Event pattern is not valid. Reason: "source" must be an object or an array
 *  at [Source: (String)"{"source": "Coherence"}"; line: 1, column: 24]
 * }</pre>
 *
 * <p>Fix the pattern at {@link #pointer()} (the JSON pointer of the offending value in the pattern, {@code ""} when
 * it is the whole pattern or unknown): every value of a pattern field is an array ({@code "source": ["Coherence"]}),
 * operators are objects inside that array ({@code [{"prefix": "feature-"}]}), and the pattern is one JSON object.
 * {@link EventPattern#builder()} writes Coherence patterns that are valid by construction.
 *
 * <p>{@link #awsErrorCode()} and {@link #awsErrorMessage()} say what EventBridge's HTTP API answers for the same
 * pattern, so an emulator can answer the same: {@code InvalidEventPatternException} with this message for almost
 * every reason, but {@code ValidationException} with AWS's constraint text for a pattern longer than the API's
 * 4,096-character maximum.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EventPatternException extends CoherenceEventException {

    private static final long serialVersionUID = 1L;

    /** EventBridge's prefix of every pattern error message. */
    static final String PREFIX = "Event pattern is not valid. Reason: ";

    /** The error code of a pattern EventBridge rejects. */
    static final String INVALID_EVENT_PATTERN = "InvalidEventPatternException";

    /** The error code of a request that breaks a constraint of the API model, such as the pattern's length. */
    static final String VALIDATION_EXCEPTION = "ValidationException";

    /** Why the pattern is not valid: the message after EventBridge's prefix. */
    private final String reason;
    /** The error code EventBridge's API answers. */
    private final String awsErrorCode;
    /** The message EventBridge's API answers. */
    private final String awsErrorMessage;

    EventPatternException(String pointer, String reason) {
        this(pointer, reason, INVALID_EVENT_PATTERN, PREFIX + reason, null);
    }

    EventPatternException(String pointer, String reason, Throwable cause) {
        this(pointer, reason, INVALID_EVENT_PATTERN, PREFIX + reason, cause);
    }

    EventPatternException(String pointer, String reason, String awsErrorCode, String awsErrorMessage,
            Throwable cause) {
        super(PREFIX + reason, pointer, reason, cause);
        this.reason = reason;
        this.awsErrorCode = awsErrorCode;
        this.awsErrorMessage = awsErrorMessage;
    }

    /**
     * Returns why the pattern is not valid: the part of {@link #getMessage()} after
     * {@code "Event pattern is not valid. Reason: "}.
     *
     * @return the reason, never {@code null}; for the reasons event-ruler reports it ends with the parse location
     *     ({@code "\n at [Source: …; line: L, column: C]"}) as in EventBridge's message
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the error code EventBridge's API answers for this pattern.
     *
     * @return {@code "InvalidEventPatternException"}, or {@code "ValidationException"} for a pattern longer than the
     *     API's maximum of 4,096 characters; never {@code null}
     */
    public String awsErrorCode() {
        return awsErrorCode;
    }

    /**
     * Returns the message EventBridge's API answers for this pattern.
     *
     * @return {@link #getMessage()} for an {@code InvalidEventPatternException}; for the {@code ValidationException}
     *     of an over-long pattern, AWS's constraint text ({@code "1 validation error detected: Value '…' at
     *     'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096"});
     *     never {@code null}
     */
    public String awsErrorMessage() {
        return awsErrorMessage;
    }
}
