package com.withcoherence.events.testkit;

/**
 * Thrown by a {@link TargetHandler} to fail a delivery with a chosen EventBridge error code.
 *
 * <p>Any other exception from a handler fails the delivery as {@value #ERROR_FROM_TARGET} and is retried. Throw
 * this to simulate what else the service meets: a target that is gone ({@value #NO_RESOURCE}) or that EventBridge
 * may not call ({@value #NO_PERMISSIONS}) is not retried and goes straight to the dead-letter queue, as AWS
 * documents; {@value #THROTTLING} is retried.
 *
 * <pre>{@code
 * bridge.onJson(queueArn, json -> { throw DeliveryFailure.permanent(DeliveryFailure.NO_PERMISSIONS, "no policy"); });
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class DeliveryFailure extends RuntimeException {

    /** The target returned an error: {@value}. */
    public static final String ERROR_FROM_TARGET = "ERROR_FROM_TARGET";

    /** EventBridge may not invoke the target: {@value}. */
    public static final String NO_PERMISSIONS = "NO_PERMISSIONS";

    /** The target does not exist: {@value}. */
    public static final String NO_RESOURCE = "NO_RESOURCE";

    /** The target throttled the call: {@value}. */
    public static final String THROTTLING = "THROTTLING";

    /** The call timed out: {@value}. */
    public static final String TIMEOUT = "TIMEOUT";

    private static final long serialVersionUID = 1L;

    /** The EventBridge error code recorded for the failed delivery. */
    private final String errorCode;

    /** Whether EventBridge retries a delivery that failed this way. */
    private final boolean retryable;

    /**
     * Creates a failure.
     *
     * @param errorCode the EventBridge error code written to the dead-letter message's {@code ERROR_CODE};
     *     {@code null} is taken as {@value #ERROR_FROM_TARGET}
     * @param message the error message written to {@code ERROR_MESSAGE}; {@code null} is taken as empty
     * @param retryable whether the bus retries the delivery
     */
    public DeliveryFailure(String errorCode, String message, boolean retryable) {
        super(message == null ? "" : message);
        this.errorCode = errorCode == null ? ERROR_FROM_TARGET : errorCode;
        this.retryable = retryable;
    }

    /**
     * Returns a failure the bus retries, such as {@value #THROTTLING}.
     *
     * @param errorCode the error code; {@code null} is taken as {@value #ERROR_FROM_TARGET}
     * @param message the error message; {@code null} is taken as empty
     * @return the failure, never {@code null}
     */
    public static DeliveryFailure retryable(String errorCode, String message) {
        return new DeliveryFailure(errorCode, message, true);
    }

    /**
     * Returns a failure the bus does not retry, such as {@value #NO_PERMISSIONS} or {@value #NO_RESOURCE}.
     *
     * @param errorCode the error code; {@code null} is taken as {@value #ERROR_FROM_TARGET}
     * @param message the error message; {@code null} is taken as empty
     * @return the failure, never {@code null}
     */
    public static DeliveryFailure permanent(String errorCode, String message) {
        return new DeliveryFailure(errorCode, message, false);
    }

    /**
     * Returns the EventBridge error code.
     *
     * @return the code, never {@code null}
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Returns whether the bus retries the delivery.
     *
     * @return {@code true} if it is retried per the target's retry policy
     */
    public boolean retryable() {
        return retryable;
    }
}
