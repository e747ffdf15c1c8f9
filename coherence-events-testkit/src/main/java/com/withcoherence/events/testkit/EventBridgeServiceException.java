package com.withcoherence.events.testkit;

/**
 * An error the in-memory EventBridge returns where the real service would, with the real service's error code and
 * message text.
 *
 * <p>Every operation of {@link InMemoryEventBridge} that the real API can reject throws this exception, before it
 * changes anything: a missing bus ({@value #RESOURCE_NOT_FOUND}, "Event bus X does not exist."), a sixth target
 * ({@value #LIMIT_EXCEEDED}), a rule deleted while it has targets ({@value #VALIDATION}, "Rule can't be deleted since
 * it has targets."), a pattern EventBridge would refuse ({@value #INVALID_EVENT_PATTERN}, "Event pattern is not valid.
 * Reason: …"). {@link #errorCode()} is the code the AWS SDK exposes as {@code awsErrorDetails().errorCode()} and
 * {@link #getMessage()} is the service's message, word for word where AWS's text is recorded, so a test can assert on
 * either and a protocol layer can put both on the wire unchanged ({@code {"__type": errorCode, "message": …}} with
 * {@link #statusCode()}).
 *
 * <p>To fix the cause, read the message as you would the service's: it names the resource or the request member
 * (as {@code targets.1.member.id}) that was wrong.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EventBridgeServiceException extends RuntimeException {

    /** A named bus, rule or resource does not exist: {@value}. */
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";

    /** A resource to be created exists already: {@value}. */
    public static final String RESOURCE_ALREADY_EXISTS = "ResourceAlreadyExistsException";

    /** A request member breaks a constraint of the API, or an operation is not allowed in this state: {@value}. */
    public static final String VALIDATION = "ValidationException";

    /** A quota would be exceeded (300 rules per bus, 5 targets per rule, 100 buses): {@value}. */
    public static final String LIMIT_EXCEEDED = "LimitExceededException";

    /** An event pattern EventBridge would reject: {@value}. */
    public static final String INVALID_EVENT_PATTERN = "InvalidEventPatternException";

    /** An internal failure of the service: {@value}. */
    public static final String INTERNAL = "InternalException";

    private static final long serialVersionUID = 1L;

    /** The AWS error code, e.g. {@code ResourceNotFoundException}. */
    private final String errorCode;

    /**
     * Creates an exception with an AWS error code and message.
     *
     * @param errorCode the AWS error code, such as {@value #RESOURCE_NOT_FOUND}; must not be {@code null}
     * @param message the service's message; must not be {@code null}
     * @throws IllegalArgumentException if an argument is {@code null}
     */
    public EventBridgeServiceException(String errorCode, String message) {
        super(requireText(message, "message"));
        this.errorCode = requireText(errorCode, "errorCode");
    }

    private static String requireText(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Returns the AWS error code, as the AWS SDK reports it in {@code awsErrorDetails().errorCode()}.
     *
     * @return the code, such as {@value #VALIDATION}; never {@code null}
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Returns the HTTP status the real service answers this error with: 500 for {@value #INTERNAL} (and the common
     * error {@code InternalFailure}), 503 for {@code ServiceUnavailable}, 400 otherwise (throttling included).
     *
     * @return the HTTP status code
     */
    public int statusCode() {
        switch (errorCode) {
            case INTERNAL:
            case "InternalFailure":
                return 500;
            case "ServiceUnavailable":
                return 503;
            default:
                return 400;
        }
    }

    static EventBridgeServiceException busNotFound(String busName) {
        return new EventBridgeServiceException(RESOURCE_NOT_FOUND, "Event bus " + busName + " does not exist.");
    }

    static EventBridgeServiceException ruleNotFound(String ruleName, String busName) {
        return new EventBridgeServiceException(RESOURCE_NOT_FOUND,
                "Rule " + ruleName + " does not exist on EventBus " + busName + ".");
    }

    static EventBridgeServiceException limitExceeded() {
        // AWS-recorded text for a sixth target; the service uses the same words for its other quotas.
        return new EventBridgeServiceException(LIMIT_EXCEEDED,
                "The requested resource exceeds the maximum number allowed.");
    }

    static EventBridgeServiceException validation(String message) {
        return new EventBridgeServiceException(VALIDATION, message);
    }
}
