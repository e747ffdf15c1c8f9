package com.withcoherence.events.client;

import com.withcoherence.events.model.EventPattern;

/** Values the tests share: the documented console setup, and ARNs in one account and Region. */
final class Fixtures {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String BUS = "12309ijsdf-your-app-name-coherence-events";
    static final String BUS_ARN = "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + BUS;
    static final String LOG_EVENTS = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:log-events";
    static final String QUEUE = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":environments";
    static final String FIFO_QUEUE = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":environments.fifo";
    static final String DLQ = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":environments-dlq";
    static final String TOPIC = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":environments";
    static final String STATE_MACHINE = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:provision";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/eventbridge-targets";
    static final String OTHER_BUS = "arn:aws:events:" + REGION + ":210987654321:event-bus/central";
    static final String LOG_GROUP = "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/events/coherence";

    /** The pattern of Coherence's documentation: only new_environments events. */
    static final String NEW_ENVIRONMENTS_PATTERN =
            "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"]}";

    private Fixtures() {
    }

    static EventPattern newEnvironments() {
        return EventPattern.of(NEW_ENVIRONMENTS_PATTERN);
    }

    /** The documented console setup: a rule for new_environments events with the Lambda log-events as target. */
    static Subscription documentedSetup() {
        return Subscription.builder()
                .name("log-new-environments")
                .description("Coherence new_environments events to log-events")
                .pattern(newEnvironments())
                .target(SubscriptionTarget.lambda(LOG_EVENTS))
                .build();
    }
}
