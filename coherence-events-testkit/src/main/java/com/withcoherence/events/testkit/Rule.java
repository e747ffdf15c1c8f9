package com.withcoherence.events.testkit;

import java.util.Optional;

/**
 * A rule as DescribeRule and ListRules report it: its definition as last put, its ARN and its state now.
 *
 * <p>Instances are immutable and thread-safe; they are snapshots, so a later change to the rule is not seen here.
 *
 * @param name the rule's name
 * @param arn the rule's ARN: {@code arn:aws:events:REGION:ACCOUNT:rule/NAME} on the default bus,
 *     {@code …:rule/BUS/NAME} on a custom bus (the {@code SourceArn} of a Lambda permission or SQS policy)
 * @param eventBusName the name of the rule's bus
 * @param eventPattern the event pattern exactly as it was put, if the rule has one
 * @param scheduleExpression the schedule, if the rule has one
 * @param state the rule's state
 * @param description the description, if any
 * @param roleArn the rule's role, if any
 */
public record Rule(
        String name,
        String arn,
        String eventBusName,
        Optional<String> eventPattern,
        Optional<String> scheduleExpression,
        RuleState state,
        Optional<String> description,
        Optional<String> roleArn) {

    /**
     * Validates the required components and normalises absent ones.
     *
     * @param name the rule's name
     * @param arn the rule's ARN: {@code arn:aws:events:REGION:ACCOUNT:rule/NAME} on the default bus, {@code …:rule/BUS/NAME} on a custom bus (the {@code SourceArn} of a Lambda permission or SQS policy)
     * @param eventBusName the name of the rule's bus
     * @param eventPattern the event pattern exactly as it was put, if the rule has one
     * @param scheduleExpression the schedule, if the rule has one
     * @param state the rule's state
     * @param description the description, if any
     * @param roleArn the rule's role, if any
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code name}, {@code arn},
     *     {@code eventBusName} or {@code state} is {@code null}
     */
    public Rule {
        Values.required(name, "name");
        Values.required(arn, "arn");
        Values.required(eventBusName, "eventBusName");
        Values.requiredValue(state, "state");
        eventPattern = Values.optional(eventPattern);
        scheduleExpression = Values.optional(scheduleExpression);
        description = Values.optional(description);
        roleArn = Values.optional(roleArn);
    }
}
