package com.withcoherence.events.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link Subscription} delivers the events its pattern selects: one EventBridge target, with how it is
 * invoked (role), retried, dead-lettered and what part of the event it receives.
 *
 * <p>Create one with the factory of its kind, then refine it with the {@code with…} methods, which return a new
 * target:
 *
 * <pre>{@code
 * SubscriptionTarget lambda = SubscriptionTarget.lambda("arn:aws:lambda:us-east-1:123456789012:function:log-events")
 *         .withRetryPolicy(10, 3600)
 *         .withDeadLetterQueue("arn:aws:sqs:us-east-1:123456789012:log-events-dlq");
 * SubscriptionTarget queue = SubscriptionTarget.sqsFifo("arn:aws:sqs:us-east-1:123456789012:envs.fifo", "coherence");
 * SubscriptionTarget machine = SubscriptionTarget.stepFunctions(
 *         "arn:aws:states:us-east-1:123456789012:stateMachine:provision",
 *         "arn:aws:iam::123456789012:role/eventbridge-start-provision");
 * }</pre>
 *
 * <p>The target's {@link #id()} names it within its rule; it defaults to the resource's name taken from the ARN
 * ({@code log-events} above) so that running the same code twice describes the same target. Values are checked when
 * the {@link Subscription} is built, all at once and with the field that is wrong
 * ({@code targets[1].messageGroupId}), never by the factories and withers, which only reject {@code null}.
 *
 * <p>Deliver the whole event (the default: no input, input path or transformer) to a handler that parses it with
 * {@code CoherenceEvents}; an input path or transformer delivers only a part of it.
 *
 * <p>Instances are immutable and thread-safe; {@link #equals(Object)} compares every field.
 */
public final class SubscriptionTarget {

    /**
     * The kind of AWS resource a target is, which decides the ARN it needs, whether it needs a role, and the
     * permission that lets EventBridge deliver to it.
     */
    public enum Kind {
        /** A Lambda function (or a version or alias of it), invoked asynchronously; needs a Lambda permission. */
        LAMBDA,
        /** An SQS queue, standard or FIFO; needs a statement in the queue policy. */
        SQS,
        /** An SNS topic; needs a statement in the topic policy. */
        SNS,
        /** A Step Functions state machine, started with the target's role ({@code states:StartExecution}). */
        STEP_FUNCTIONS,
        /** Another event bus, in this or another account, sent to with the target's role ({@code events:PutEvents}). */
        EVENT_BUS,
        /** A CloudWatch Logs log group; needs a CloudWatch Logs resource policy. */
        LOG_GROUP,
        /** Any other target given by ARN: the client sends it as given and cannot say which permission it needs. */
        OTHER;

        /** The kind an ARN names, from its service and resource type; {@link #OTHER} when unknown or malformed. */
        static Kind of(String arn) {
            String[] parts = arn.split(":", 6);
            if (parts.length < 6 || !parts[0].equals("arn")) {
                return OTHER;
            }
            String resource = parts[5];
            switch (parts[2]) {
                case "lambda":
                    return resource.startsWith("function:") ? LAMBDA : OTHER;
                case "sqs":
                    return SQS;
                case "sns":
                    return SNS;
                case "states":
                    return resource.startsWith("stateMachine:") ? STEP_FUNCTIONS : OTHER;
                case "events":
                    return resource.startsWith("event-bus/") ? EVENT_BUS : OTHER;
                case "logs":
                    return resource.startsWith("log-group:") ? LOG_GROUP : OTHER;
                default:
                    return OTHER;
            }
        }
    }

    private final Kind kind;
    private final String id;
    private final String arn;
    private final String roleArn;
    private final String messageGroupId;
    private final TargetRetryPolicy retryPolicy;
    private final String deadLetterQueueArn;
    private final String input;
    private final String inputPath;
    private final TargetInputTransformer inputTransformer;

    private SubscriptionTarget(Kind kind, String id, String arn, String roleArn, String messageGroupId,
            TargetRetryPolicy retryPolicy, String deadLetterQueueArn, String input, String inputPath,
            TargetInputTransformer inputTransformer) {
        this.kind = kind;
        this.id = id;
        this.arn = arn;
        this.roleArn = roleArn;
        this.messageGroupId = messageGroupId;
        this.retryPolicy = retryPolicy;
        this.deadLetterQueueArn = deadLetterQueueArn;
        this.input = input;
        this.inputPath = inputPath;
        this.inputTransformer = inputTransformer;
    }

    private static SubscriptionTarget of(Kind kind, String arn, String roleArn, String messageGroupId) {
        String checked = nonNull(arn, "arn");
        return new SubscriptionTarget(kind, defaultId(checked), checked, roleArn, messageGroupId, null, null, null,
                null, null);
    }

    /**
     * Returns a target that invokes a Lambda function asynchronously. EventBridge needs the function's permission;
     * see {@link CoherenceEventsClient#permissionsFor(Subscription)}.
     *
     * @param functionArn the function's ARN, {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}, optionally with
     *     {@code :VERSION} or {@code :ALIAS}; must not be {@code null}
     * @return the target, with the function's name as id; never {@code null}
     * @throws CoherenceClientException if {@code functionArn} is {@code null}
     */
    public static SubscriptionTarget lambda(String functionArn) {
        return of(Kind.LAMBDA, functionArn, null, null);
    }

    /**
     * Returns a target that sends to a standard SQS queue. EventBridge needs a statement in the queue policy.
     *
     * @param queueArn the queue's ARN, {@code arn:aws:sqs:REGION:ACCOUNT:NAME}; must not be {@code null}. For a
     *     FIFO queue use {@link #sqsFifo(String, String)}
     * @return the target, with the queue's name as id; never {@code null}
     * @throws CoherenceClientException if {@code queueArn} is {@code null}
     */
    public static SubscriptionTarget sqs(String queueArn) {
        return of(Kind.SQS, queueArn, null, null);
    }

    /**
     * Returns a target that sends to a FIFO SQS queue in one message group. The queue must have content-based
     * deduplication enabled.
     *
     * @param queueArn the queue's ARN, ending in {@code .fifo}; must not be {@code null}
     * @param messageGroupId the message group of every message, 1 to 100 characters; must not be {@code null}
     * @return the target, with the queue's name as id; never {@code null}
     * @throws CoherenceClientException if an argument is {@code null}
     */
    public static SubscriptionTarget sqsFifo(String queueArn, String messageGroupId) {
        return of(Kind.SQS, queueArn, null, nonNull(messageGroupId, "messageGroupId"));
    }

    /**
     * Returns a target that publishes to an SNS topic. EventBridge needs a statement in the topic policy.
     *
     * @param topicArn the topic's ARN, {@code arn:aws:sns:REGION:ACCOUNT:NAME}; must not be {@code null}
     * @return the target, with the topic's name as id; never {@code null}
     * @throws CoherenceClientException if {@code topicArn} is {@code null}
     */
    public static SubscriptionTarget sns(String topicArn) {
        return of(Kind.SNS, topicArn, null, null);
    }

    /**
     * Returns a target that starts a Step Functions state machine with a role EventBridge assumes.
     *
     * @param stateMachineArn the state machine's ARN, {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME}; must
     *     not be {@code null}
     * @param roleArn the IAM role EventBridge assumes: it trusts {@code events.amazonaws.com} and may
     *     {@code states:StartExecution} on the state machine; must not be {@code null}
     * @return the target, with the state machine's name as id; never {@code null}
     * @throws CoherenceClientException if an argument is {@code null}
     */
    public static SubscriptionTarget stepFunctions(String stateMachineArn, String roleArn) {
        return of(Kind.STEP_FUNCTIONS, stateMachineArn, nonNull(roleArn, "roleArn"), null);
    }

    /**
     * Returns a target that forwards the events to another event bus, typically in another account, with a role
     * EventBridge assumes. The receiving bus's policy must allow the role's account to put events.
     *
     * @param eventBusArn the receiving bus's ARN, {@code arn:aws:events:REGION:ACCOUNT:event-bus/NAME}; must not be
     *     {@code null}
     * @param roleArn the IAM role EventBridge assumes: it trusts {@code events.amazonaws.com} and may
     *     {@code events:PutEvents} on the receiving bus; must not be {@code null}
     * @return the target, with the bus's name as id; never {@code null}
     * @throws CoherenceClientException if an argument is {@code null}
     */
    public static SubscriptionTarget eventBus(String eventBusArn, String roleArn) {
        return of(Kind.EVENT_BUS, eventBusArn, nonNull(roleArn, "roleArn"), null);
    }

    /**
     * Returns a target that writes the events to a CloudWatch Logs log group. EventBridge needs a CloudWatch Logs
     * resource policy.
     *
     * @param logGroupArn the log group's ARN, {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME}; must not be
     *     {@code null}
     * @return the target, with the log group's name (its {@code /} replaced by {@code -}) as id; never {@code null}
     * @throws CoherenceClientException if {@code logGroupArn} is {@code null}
     */
    public static SubscriptionTarget logGroup(String logGroupArn) {
        return of(Kind.LOG_GROUP, logGroupArn, null, null);
    }

    /**
     * Returns a target given only by its ARN, for a kind of target the other factories do not cover (such as a
     * Kinesis stream or an API destination; add a role with {@link #withRoleArn(String)} where it needs one). Its
     * {@link #kind()} is inferred from the ARN; the client cannot say which permission an {@link Kind#OTHER}
     * target needs.
     *
     * @param arn the target's ARN; must not be {@code null}
     * @return the target, with the last part of the ARN as id; never {@code null}
     * @throws CoherenceClientException if {@code arn} is {@code null}
     */
    public static SubscriptionTarget arn(String arn) {
        return of(Kind.of(nonNull(arn, "arn")), arn, null, null);
    }

    /**
     * Returns this target with another id, for example to have two targets on the same resource.
     *
     * @param id the target's id within its rule: 1 to 64 characters of {@code A-Z a-z 0-9 . - _}; must not be
     *     {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code id} is {@code null}
     */
    public SubscriptionTarget withId(String id) {
        return new SubscriptionTarget(kind, nonNull(id, "id"), arn, roleArn, messageGroupId, retryPolicy,
                deadLetterQueueArn, input, inputPath, inputTransformer);
    }

    /**
     * Returns this target with the IAM role EventBridge assumes to deliver to it.
     *
     * @param roleArn the role's ARN, {@code arn:aws:iam::ACCOUNT:role/NAME}; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code roleArn} is {@code null}
     */
    public SubscriptionTarget withRoleArn(String roleArn) {
        return new SubscriptionTarget(kind, id, arn, nonNull(roleArn, "roleArn"), messageGroupId, retryPolicy,
                deadLetterQueueArn, input, inputPath, inputTransformer);
    }

    /**
     * Returns this target with the message group of a FIFO SQS queue.
     *
     * @param messageGroupId 1 to 100 characters; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code messageGroupId} is {@code null}
     */
    public SubscriptionTarget withMessageGroupId(String messageGroupId) {
        return new SubscriptionTarget(kind, id, arn, roleArn, nonNull(messageGroupId, "messageGroupId"),
                retryPolicy, deadLetterQueueArn, input, inputPath, inputTransformer);
    }

    /**
     * Returns this target with how often and how long EventBridge retries a failed delivery (by default 185 times
     * over 24 hours, with exponential back-off and jitter).
     *
     * @param maximumRetryAttempts retries after the first attempt, 0 to 185
     * @param maximumEventAgeInSeconds how long an event is retried, 60 to 86,400 seconds
     * @return a new target, never {@code null}
     */
    public SubscriptionTarget withRetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {
        return withRetryPolicy(new TargetRetryPolicy(maximumRetryAttempts, maximumEventAgeInSeconds));
    }

    /**
     * Returns this target with how often and how long EventBridge retries a failed delivery.
     *
     * @param retryPolicy the policy; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code retryPolicy} is {@code null}
     */
    public SubscriptionTarget withRetryPolicy(TargetRetryPolicy retryPolicy) {
        return new SubscriptionTarget(kind, id, arn, roleArn, messageGroupId, nonNull(retryPolicy, "retryPolicy"),
                deadLetterQueueArn, input, inputPath, inputTransformer);
    }

    /**
     * Returns this target with a dead-letter queue: the standard SQS queue, in the rule's Region, that receives the
     * events EventBridge could not deliver after its retries. The queue needs its own policy statement; see
     * {@link CoherenceEventsClient#permissionsFor(Subscription)}.
     *
     * @param queueArn the queue's ARN; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code queueArn} is {@code null}
     */
    public SubscriptionTarget withDeadLetterQueue(String queueArn) {
        return new SubscriptionTarget(kind, id, arn, roleArn, messageGroupId, retryPolicy,
                nonNull(queueArn, "deadLetterQueueArn"), input, inputPath, inputTransformer);
    }

    /**
     * Returns this target delivering a constant JSON text instead of the event (EventBridge's {@code Input}). Only
     * one of input, input path and input transformer may be set.
     *
     * @param constantJson valid JSON text, at most 8,192 characters; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code constantJson} is {@code null}
     */
    public SubscriptionTarget withInput(String constantJson) {
        return new SubscriptionTarget(kind, id, arn, roleArn, messageGroupId, retryPolicy, deadLetterQueueArn,
                nonNull(constantJson, "input"), inputPath, inputTransformer);
    }

    /**
     * Returns this target delivering only a part of the event (EventBridge's {@code InputPath}), such as
     * {@code $.detail}. Only one of input, input path and input transformer may be set.
     *
     * @param jsonPath a JSONPath in dot notation starting with {@code $}, at most 256 characters; must not be
     *     {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code jsonPath} is {@code null}
     */
    public SubscriptionTarget withInputPath(String jsonPath) {
        return new SubscriptionTarget(kind, id, arn, roleArn, messageGroupId, retryPolicy, deadLetterQueueArn, input,
                nonNull(jsonPath, "inputPath"), inputTransformer);
    }

    /**
     * Returns this target delivering a text built from the event (EventBridge's {@code InputTransformer}). Only one
     * of input, input path and input transformer may be set.
     *
     * @param inputPathsMap variables for the template, name to JSONPath, such as {@code "name" ->
     *     "$.detail.new_environments[0].environment_name"}; at most 100; must not be {@code null}
     * @param inputTemplate the template, with variables as {@code <name>}, 1 to 8,192 characters; must not be
     *     {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if an argument is {@code null} or the map holds {@code null}
     */
    public SubscriptionTarget withInputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
        return withInputTransformer(new TargetInputTransformer(inputPathsMap, inputTemplate));
    }

    /**
     * Returns this target delivering a text built from the event (EventBridge's {@code InputTransformer}).
     *
     * @param inputTransformer the transformer; must not be {@code null}
     * @return a new target, never {@code null}
     * @throws CoherenceClientException if {@code inputTransformer} is {@code null}
     */
    public SubscriptionTarget withInputTransformer(TargetInputTransformer inputTransformer) {
        return new SubscriptionTarget(kind, id, arn, roleArn, messageGroupId, retryPolicy, deadLetterQueueArn, input,
                inputPath, nonNull(inputTransformer, "inputTransformer"));
    }

    /** The target as read back from AWS, by the client. */
    static SubscriptionTarget read(String id, String arn, String roleArn, String messageGroupId,
            TargetRetryPolicy retryPolicy, String deadLetterQueueArn, String input, String inputPath,
            TargetInputTransformer inputTransformer) {
        return new SubscriptionTarget(Kind.of(arn), id, arn, roleArn, messageGroupId, retryPolicy,
                deadLetterQueueArn, input, inputPath, inputTransformer);
    }

    /**
     * Returns the kind of resource this target is: the factory's, or inferred from the ARN for {@link #arn(String)}.
     *
     * @return the kind, never {@code null}
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the target's id within its rule.
     *
     * @return the id, never {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the ARN of the resource events are delivered to.
     *
     * @return the ARN, never {@code null}
     */
    public String arn() {
        return arn;
    }

    /**
     * Returns the IAM role EventBridge assumes to deliver to this target.
     *
     * @return the role's ARN, or empty when EventBridge relies on the resource's policy
     */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /**
     * Returns the message group of a FIFO SQS queue.
     *
     * @return the message group id, or empty
     */
    public Optional<String> messageGroupId() {
        return Optional.ofNullable(messageGroupId);
    }

    /**
     * Returns how EventBridge retries a failed delivery.
     *
     * @return the policy, or empty for EventBridge's default (185 retries over 24 hours)
     */
    public Optional<TargetRetryPolicy> retryPolicy() {
        return Optional.ofNullable(retryPolicy);
    }

    /**
     * Returns the dead-letter queue of events EventBridge could not deliver.
     *
     * @return the queue's ARN, or empty when undeliverable events are dropped
     */
    public Optional<String> deadLetterQueueArn() {
        return Optional.ofNullable(deadLetterQueueArn);
    }

    /**
     * Returns the constant JSON delivered instead of the event.
     *
     * @return the JSON text, or empty
     */
    public Optional<String> input() {
        return Optional.ofNullable(input);
    }

    /**
     * Returns the JSONPath of the part of the event delivered.
     *
     * @return the path, or empty
     */
    public Optional<String> inputPath() {
        return Optional.ofNullable(inputPath);
    }

    /**
     * Returns the transformer that builds what is delivered from the event.
     *
     * @return the transformer, or empty
     */
    public Optional<TargetInputTransformer> inputTransformer() {
        return Optional.ofNullable(inputTransformer);
    }

    /**
     * Returns whether {@code other} is a target with the same kind and fields.
     *
     * @param other the object to compare with; may be {@code null}
     * @return whether the two describe the same target
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SubscriptionTarget)) {
            return false;
        }
        SubscriptionTarget that = (SubscriptionTarget) other;
        return kind == that.kind && id.equals(that.id) && arn.equals(that.arn)
                && Objects.equals(roleArn, that.roleArn) && Objects.equals(messageGroupId, that.messageGroupId)
                && Objects.equals(retryPolicy, that.retryPolicy)
                && Objects.equals(deadLetterQueueArn, that.deadLetterQueueArn) && Objects.equals(input, that.input)
                && Objects.equals(inputPath, that.inputPath)
                && Objects.equals(inputTransformer, that.inputTransformer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, arn, roleArn, messageGroupId, retryPolicy, deadLetterQueueArn, input,
                inputPath, inputTransformer);
    }

    /**
     * Returns a one-line description: kind, id, ARN and the fields that are set.
     *
     * @return the description, never {@code null}
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(kind).append(" target ").append(id).append(" -> ").append(arn);
        if (roleArn != null) {
            s.append(", role ").append(roleArn);
        }
        if (messageGroupId != null) {
            s.append(", message group ").append(messageGroupId);
        }
        if (retryPolicy != null) {
            s.append(", ").append(retryPolicy);
        }
        if (deadLetterQueueArn != null) {
            s.append(", dead-letter queue ").append(deadLetterQueueArn);
        }
        if (input != null) {
            s.append(", constant input");
        }
        if (inputPath != null) {
            s.append(", input path ").append(inputPath);
        }
        if (inputTransformer != null) {
            s.append(", input transformer");
        }
        return s.toString();
    }

    /**
     * The id a target gets from its ARN: the resource's name (after the last {@code :} or {@code /}, with a
     * Lambda qualifier or a log group's path kept), with characters a target id cannot hold replaced by {@code -}.
     */
    static String defaultId(String arn) {
        String[] parts = arn.split(":", 6);
        String name;
        if (parts.length == 6 && parts[5].startsWith("function:")) {
            name = parts[5].substring("function:".length());
        } else if (parts.length == 6 && parts[5].startsWith("log-group:")) {
            name = parts[5].substring("log-group:".length());
            if (name.endsWith(":*")) {
                name = name.substring(0, name.length() - 2);
            }
        } else {
            int cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
            name = arn.substring(cut + 1);
        }
        StringBuilder id = new StringBuilder(Math.min(name.length(), Validation.MAX_ID_LENGTH));
        for (int i = 0; i < name.length() && id.length() < Validation.MAX_ID_LENGTH; i++) {
            char c = name.charAt(i);
            boolean allowed = Validation.isNameChar(c);
            if (allowed || (id.length() > 0 && id.charAt(id.length() - 1) != '-')) {
                id.append(allowed ? c : '-');
            }
        }
        while (id.length() > 0 && id.charAt(id.length() - 1) == '-') {
            id.setLength(id.length() - 1);
        }
        return id.length() == 0 ? "target" : id.toString();
    }

    private static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw CoherenceClientException.invalid("SubscriptionTarget",
                    java.util.List.of(new CoherenceClientException.Problem(field, "must not be null; pass a value, "
                            + "or do not call the method that sets it.")));
        }
        return value;
    }
}
