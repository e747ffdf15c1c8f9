package com.withcoherence.events.client;

/**
 * A permission EventBridge needs to deliver to a target: the exact policy statement, where it goes and how to add
 * it. A rule whose targets lack it matches events but cannot deliver them (the failures only show in the target's
 * dead-letter queue and in CloudWatch's {@code FailedInvocations} metric).
 *
 * <p>{@link CoherenceEventsClient} adds and removes {@link Type#LAMBDA_PERMISSION}s itself when it was given a
 * {@code LambdaClient}; the others are yours to apply (with your infrastructure code, or the command in
 * {@link #howToApply()}), because they are read-modify-write edits of policies that hold other statements. When the
 * target goes away, {@link #howToRemove()} says how to take the statement out again.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param targetId the id of the target that needs it; for a dead-letter queue, the target's id followed by
 *     {@code .deadLetterQueue}
 * @param type where the statement goes
 * @param resourceArn the ARN of the resource whose policy gets the statement (the function, queue, topic, log group
 *     or, for {@link Type#IAM_ROLE_POLICY}, the role)
 * @param statementId the statement's deterministic id ({@code Sid}), the same on every run for this bus, rule and
 *     target
 * @param statementJson the statement as JSON, ready to add to the policy's {@code Statement} list
 * @param howToApply how to apply it: an AWS CLI command or the policy to edit
 * @param howToRemove how to remove it once the target is gone: an AWS CLI command
 *     ({@code aws lambda remove-permission --function-name F --statement-id S}) or which statement to delete from
 *     which policy
 */
public record TargetPermission(String targetId, Type type, String resourceArn, String statementId,
        String statementJson, String howToApply, String howToRemove) {

    /**
     * Checks the components.
     *
     * @param targetId the id of the target that needs it; must not be {@code null}
     * @param type where the statement goes; must not be {@code null}
     * @param resourceArn the resource whose policy gets the statement; must not be {@code null}
     * @param statementId the statement's id; must not be {@code null}
     * @param statementJson the statement as JSON; must not be {@code null}
     * @param howToApply how to apply it; must not be {@code null}
     * @param howToRemove how to remove it; must not be {@code null}
     * @throws CoherenceClientException naming each component that is {@code null}
     */
    public TargetPermission {
        Components.of("TargetPermission").nonNull("targetId", targetId).nonNull("type", type)
                .nonNull("resourceArn", resourceArn).nonNull("statementId", statementId)
                .nonNull("statementJson", statementJson).nonNull("howToApply", howToApply)
                .nonNull("howToRemove", howToRemove).check();
    }

    /** Where a permission statement goes. */
    public enum Type {
        /** The function's resource-based policy, added with {@code lambda:AddPermission}. */
        LAMBDA_PERMISSION,
        /** The queue's {@code Policy} attribute, merged with {@code sqs:SetQueueAttributes}. */
        SQS_QUEUE_POLICY,
        /** The topic's {@code Policy} attribute, merged with {@code sns:SetTopicAttributes}. */
        SNS_TOPIC_POLICY,
        /** A CloudWatch Logs resource policy, added with {@code logs:PutResourcePolicy}. */
        LOGS_RESOURCE_POLICY,
        /** A permissions policy of the target's IAM role, which must also trust {@code events.amazonaws.com}. */
        IAM_ROLE_POLICY
    }

    /**
     * Returns the statement's type, target and resource on one line.
     *
     * @return e.g. {@code LAMBDA_PERMISSION for target log-events on arn:aws:lambda:…}, never {@code null}
     */
    @Override
    public String toString() {
        return type + " for target " + targetId + " on " + resourceArn + ": " + statementJson;
    }
}
