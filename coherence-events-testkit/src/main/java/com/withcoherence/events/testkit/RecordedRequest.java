package com.withcoherence.events.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One request a {@link LocalEventBridge} answered, as its {@link RequestLog} records it: which operation, when, how
 * long it took and how it was answered. Neither the request's body nor its credentials are recorded.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the request's position among all requests the endpoint answered, from 1
 * @param requestId the {@code x-amzn-RequestId} the endpoint answered with
 * @param operation the operation's API name from {@code X-Amz-Target} (such as {@code PutRule}), the whole header
 *     when it does not name an EventBridge operation, or empty when the request had none
 * @param time when the request arrived, by the system clock
 * @param duration how long the endpoint took to answer, injected latency included
 * @param statusCode the HTTP status answered: 200, 400, 413, 500 or 503
 * @param errorCode the error code answered ({@code __type}), when the status is not 200
 * @param failedEntryCount the {@code FailedEntryCount} of a PutEvents, PutTargets or RemoveTargets answer; 0 otherwise
 */
public record RecordedRequest(
        long sequence,
        String requestId,
        String operation,
        Instant time,
        Duration duration,
        int statusCode,
        Optional<String> errorCode,
        int failedEntryCount) {

    /**
     * Validates the required components.
     *
     * @param sequence the request's position among all requests the endpoint answered, from 1
     * @param requestId the {@code x-amzn-RequestId} the endpoint answered with
     * @param operation the operation's API name from {@code X-Amz-Target} (such as {@code PutRule}), the whole
     *     header when it does not name an EventBridge operation, or empty when the request had none
     * @param time when the request arrived, by the system clock
     * @param duration how long the endpoint took to answer, injected latency included
     * @param statusCode the HTTP status answered: 200, 400, 413, 500 or 503
     * @param errorCode the error code answered ({@code __type}), when the status is not 200
     * @param failedEntryCount the {@code FailedEntryCount} of a PutEvents, PutTargets or RemoveTargets answer; 0
     *     otherwise
     * @throws IllegalArgumentException if a required component is {@code null}
     */
    public RecordedRequest {
        if (requestId == null || operation == null || time == null || duration == null || errorCode == null) {
            throw new IllegalArgumentException("requestId, operation, time, duration and errorCode must not be null");
        }
    }

    /**
     * Returns the operation, when the request named one the endpoint answers.
     *
     * @return the operation, or empty for a missing or unknown {@code X-Amz-Target}
     */
    public Optional<EventBridgeOperation> knownOperation() {
        return EventBridgeOperation.fromAwsName(operation);
    }

    /**
     * Returns whether the request was answered with HTTP 200. A PutEvents or PutTargets whose entries partly failed
     * still succeeded; see {@link #failedEntryCount()}.
     *
     * @return {@code true} for status 200
     */
    public boolean succeeded() {
        return statusCode == 200;
    }
}
