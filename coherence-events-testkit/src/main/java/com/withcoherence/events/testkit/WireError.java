package com.withcoherence.events.testkit;

/**
 * An error the loopback endpoint answers on the wire: {@code {"__type": errorCode, "message": …}} with an HTTP status.
 * Protocol-level errors (a body that is not JSON, a member of the wrong type, an unknown operation) are made here;
 * the bus's own errors arrive as {@link EventBridgeServiceException} and are converted with {@link #of}.
 */
final class WireError extends RuntimeException {

    /** A body or member the service cannot deserialize: {@value}. */
    static final String SERIALIZATION = "SerializationException";

    /** An {@code X-Amz-Target} the service does not know, or none: {@value}. */
    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    /** A request without a signature: {@value}. */
    static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";

    /** A request whose {@code Authorization} is not a SigV4 one: {@value}. */
    static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";

    /** A body over the endpoint's size limit: {@value} (AWS itself answers HTTP 413 with an empty body). */
    static final String REQUEST_ENTITY_TOO_LARGE = "RequestEntityTooLargeException";

    /**
     * A body that ended before its {@code Content-Length} (or last chunk) arrived: {@value}, HTTP 400 and
     * {@code Connection: close}, as AWS answers it ("The request body terminated unexpectedly", recorded from S3 in
     * aws/aws-sdk-java-v2#2908).
     */
    static final String INCOMPLETE_BODY = "IncompleteBody";

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int status;

    WireError(String errorCode, int status, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.status = status;
    }

    static WireError of(EventBridgeServiceException e) {
        return new WireError(e.errorCode(), e.statusCode(), e.getMessage());
    }

    static WireError serialization(String message) {
        return new WireError(SERIALIZATION, 400, message);
    }

    String errorCode() {
        return errorCode;
    }

    int status() {
        return status;
    }
}
