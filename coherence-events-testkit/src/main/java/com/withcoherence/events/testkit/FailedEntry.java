package com.withcoherence.events.testkit;

/**
 * One entry of PutTargets or RemoveTargets that did not take effect, as the response's {@code FailedEntries} lists it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param targetId the id of the target concerned
 * @param errorCode the error code
 * @param errorMessage the error message
 */
public record FailedEntry(String targetId, String errorCode, String errorMessage) {

    /**
     * Validates the components.
     *
     * @param targetId the id of the target concerned
     * @param errorCode the error code
     * @param errorMessage the error message
     * @throws EventBridgeServiceException ({@code ValidationException}) if a component is {@code null}
     */
    public FailedEntry {
        Values.required(targetId, "targetId");
        Values.required(errorCode, "errorCode");
        Values.required(errorMessage, "errorMessage");
    }
}
