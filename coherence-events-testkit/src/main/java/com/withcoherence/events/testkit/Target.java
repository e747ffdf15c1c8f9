package com.withcoherence.events.testkit;

import java.util.Optional;

/**
 * A target of a rule, as PutTargets takes it and ListTargetsByRule returns it: where matched events go, in what form,
 * and what happens when delivery fails.
 *
 * <pre>{@code
 * String logEvents = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
 * bridge.putTargets(bus, "log-new-environments", List.of(Target.builder("log-events", logEvents)
 *         .retryPolicy(RetryPolicy.of(2, 3600))
 *         .deadLetterArn("arn:aws:sqs:us-east-1:123456789012:log-events-dlq")
 *         .build()));
 * bridge.onEvent(logEvents, event -> handler.handle(event));
 * }</pre>
 *
 * <p>A target is always an ARN, as in AWS. Deliveries to it are recorded in the {@link DeliveryLog}; a test that
 * binds a Java handler to the ARN ({@link InMemoryEventBridge#onEvent}, {@link InMemoryEventBridge#onJson}) has it
 * invoked with each delivery. At most one of {@code input}, {@code inputPath} and {@code inputTransformer} may be
 * set; they are applied as EventBridge applies them (see {@link InMemoryEventBridge}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the target's id within its rule ({@code Id}); 1 to 64 of {@code . - _ A-Z a-z 0-9}
 * @param arn the target's ARN ({@code Arn}), such as a Lambda function's or an SQS queue's
 * @param input constant JSON delivered instead of the event ({@code Input}), if set
 * @param inputPath a JSONPath selecting the part of the event to deliver ({@code InputPath}), if set
 * @param inputTransformer a template filled from the event ({@code InputTransformer}), if set
 * @param retryPolicy how often and how long a failed delivery is retried ({@code RetryPolicy}); empty means
 *     {@link RetryPolicy#DEFAULT}
 * @param deadLetterArn the SQS queue failed events go to ({@code DeadLetterConfig.Arn}), if set
 * @param sqsMessageGroupId the message group of a FIFO queue target ({@code SqsParameters.MessageGroupId}), if set
 * @param roleArn the role EventBridge assumes to invoke the target ({@code RoleArn}), if set
 */
public record Target(
        String id,
        String arn,
        Optional<String> input,
        Optional<String> inputPath,
        Optional<InputTransformer> inputTransformer,
        Optional<RetryPolicy> retryPolicy,
        Optional<String> deadLetterArn,
        Optional<String> sqsMessageGroupId,
        Optional<String> roleArn) {

    /**
     * Validates the required components and normalises absent ones.
     *
     * @param id the target's id within its rule ({@code Id}); 1 to 64 of {@code . - _ A-Z a-z 0-9}
     * @param arn the target's ARN ({@code Arn}), such as a Lambda function's or an SQS queue's
     * @param input constant JSON delivered instead of the event ({@code Input}), if set
     * @param inputPath a JSONPath selecting the part of the event to deliver ({@code InputPath}), if set
     * @param inputTransformer a template filled from the event ({@code InputTransformer}), if set
     * @param retryPolicy how often and how long a failed delivery is retried ({@code RetryPolicy}); empty means {@link RetryPolicy#DEFAULT}
     * @param deadLetterArn the SQS queue failed events go to ({@code DeadLetterConfig.Arn}), if set
     * @param sqsMessageGroupId the message group of a FIFO queue target ({@code SqsParameters.MessageGroupId}), if set
     * @param roleArn the role EventBridge assumes to invoke the target ({@code RoleArn}), if set
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code id} or {@code arn} is {@code null}
     */
    public Target {
        Values.required(id, "id");
        Values.required(arn, "arn");
        input = Values.optional(input);
        inputPath = Values.optional(inputPath);
        inputTransformer = Values.optional(inputTransformer);
        retryPolicy = Values.optional(retryPolicy);
        deadLetterArn = Values.optional(deadLetterArn);
        sqsMessageGroupId = Values.optional(sqsMessageGroupId);
        roleArn = Values.optional(roleArn);
    }

    /**
     * Returns a target that receives the whole event, with the default retry policy and no dead-letter queue.
     *
     * @param id the target's id; must not be {@code null}
     * @param arn the target's ARN; must not be {@code null}
     * @return the target, never {@code null}
     * @throws EventBridgeServiceException ({@code ValidationException}) if an argument is {@code null}
     */
    public static Target of(String id, String arn) {
        return builder(id, arn).build();
    }

    /**
     * Starts a target with the given id and ARN.
     *
     * @param id the target's id
     * @param arn the target's ARN
     * @return a new builder, never {@code null}
     */
    public static Builder builder(String id, String arn) {
        return new Builder(id, arn);
    }

    /**
     * Returns the retry policy that applies: the one set, or {@link RetryPolicy#DEFAULT}.
     *
     * @return the policy, never {@code null}
     */
    public RetryPolicy effectiveRetryPolicy() {
        return retryPolicy.orElse(RetryPolicy.DEFAULT);
    }

    /** Builds a {@link Target}. Not thread-safe: use one builder per thread. */
    public static final class Builder {
        private final String id;
        private final String arn;
        private String input;
        private String inputPath;
        private InputTransformer inputTransformer;
        private RetryPolicy retryPolicy;
        private String deadLetterArn;
        private String sqsMessageGroupId;
        private String roleArn;

        private Builder(String id, String arn) {
            this.id = id;
            this.arn = arn;
        }

        /**
         * Delivers this constant JSON text instead of the event.
         *
         * @param input valid JSON, at most 8,192 characters; {@code null} removes it
         * @return this builder
         */
        public Builder input(String input) {
            this.input = input;
            return this;
        }

        /**
         * Delivers only the part of the event this JSONPath selects, such as {@code $.detail}.
         *
         * @param inputPath the path, at most 256 characters; {@code null} removes it
         * @return this builder
         */
        public Builder inputPath(String inputPath) {
            this.inputPath = inputPath;
            return this;
        }

        /**
         * Delivers a template filled with values from the event.
         *
         * @param inputTransformer the transformer; {@code null} removes it
         * @return this builder
         */
        public Builder inputTransformer(InputTransformer inputTransformer) {
            this.inputTransformer = inputTransformer;
            return this;
        }

        /**
         * Sets the retry policy.
         *
         * @param retryPolicy the policy; {@code null} means {@link RetryPolicy#DEFAULT}
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /**
         * Sets the dead-letter queue for events whose delivery failed for good.
         *
         * @param deadLetterArn the ARN of a standard SQS queue; {@code null} removes it
         * @return this builder
         */
        public Builder deadLetterArn(String deadLetterArn) {
            this.deadLetterArn = deadLetterArn;
            return this;
        }

        /**
         * Sets the message group for a FIFO queue target.
         *
         * @param messageGroupId at most 100 characters; {@code null} removes it
         * @return this builder
         */
        public Builder sqsMessageGroupId(String messageGroupId) {
            this.sqsMessageGroupId = messageGroupId;
            return this;
        }

        /**
         * Sets the role EventBridge assumes to invoke the target.
         *
         * @param roleArn the role's ARN; {@code null} removes it
         * @return this builder
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * Builds the target.
         *
         * @return the target, never {@code null}
         * @throws EventBridgeServiceException ({@code ValidationException}) if the id or ARN is {@code null}
         */
        public Target build() {
            return new Target(id, arn, Optional.ofNullable(input), Optional.ofNullable(inputPath),
                    Optional.ofNullable(inputTransformer), Optional.ofNullable(retryPolicy),
                    Optional.ofNullable(deadLetterArn), Optional.ofNullable(sqsMessageGroupId),
                    Optional.ofNullable(roleArn));
        }
    }
}
