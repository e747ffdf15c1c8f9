package com.withcoherence.events.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a PutRule call defines: a rule's name and bus, its event pattern (or schedule), state, description, role and
 * tags.
 *
 * <pre>{@code
 * bridge.putRule(RuleDefinition.builder("log-new-environments")
 *         .eventBusName("12309ijsdf-your-app-name-coherence-events")
 *         .eventPattern("{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}")
 *         .description("Forward new environments to log-events")
 *         .build());
 * }</pre>
 *
 * <p>As with the real PutRule, a definition replaces the whole rule when the rule exists: a member left out here is
 * cleared, not kept (targets are kept; tags apply only when the rule is created). The constructor checks only that
 * the required members are present; {@link InMemoryEventBridge#putRule(RuleDefinition)} checks the rest with the
 * service's messages.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the rule's name ({@code Name}); 1 to 64 of {@code . - _ A-Z a-z 0-9}
 * @param eventBusName the bus's name or ARN ({@code EventBusName}); {@code null} means {@code default}
 * @param eventPattern the event pattern JSON ({@code EventPattern}), if any; {@code null} is taken as empty
 * @param scheduleExpression the schedule ({@code ScheduleExpression}, default bus only), if any; {@code null} is
 *     taken as empty
 * @param state the rule's state; {@code null} means {@link RuleState#ENABLED}
 * @param description the description, if any; {@code null} is taken as empty
 * @param roleArn the role EventBridge assumes for the rule's targets, if any; {@code null} is taken as empty
 * @param tags the tags to put on a new rule; {@code null} is taken as none. Copied, order kept
 */
public record RuleDefinition(
        String name,
        String eventBusName,
        Optional<String> eventPattern,
        Optional<String> scheduleExpression,
        RuleState state,
        Optional<String> description,
        Optional<String> roleArn,
        Map<String, String> tags) {

    /**
     * Normalises absent members and copies the tags.
     *
     * @param name the rule's name ({@code Name}); 1 to 64 of {@code . - _ A-Z a-z 0-9}
     * @param eventBusName the bus's name or ARN ({@code EventBusName}); {@code null} means {@code default}
     * @param eventPattern the event pattern JSON ({@code EventPattern}), if any; {@code null} is taken as empty
     * @param scheduleExpression the schedule ({@code ScheduleExpression}, default bus only), if any; {@code null} is taken as empty
     * @param state the rule's state; {@code null} means {@link RuleState#ENABLED}
     * @param description the description, if any; {@code null} is taken as empty
     * @param roleArn the role EventBridge assumes for the rule's targets, if any; {@code null} is taken as empty
     * @param tags the tags to put on a new rule; {@code null} is taken as none. Copied, order kept
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code name} is {@code null}
     */
    public RuleDefinition {
        Values.required(name, "name");
        eventBusName = eventBusName == null ? Values.DEFAULT_BUS : eventBusName;
        eventPattern = Values.optional(eventPattern);
        scheduleExpression = Values.optional(scheduleExpression);
        state = state == null ? RuleState.ENABLED : state;
        description = Values.optional(description);
        roleArn = Values.optional(roleArn);
        tags = Values.map(tags, "tags");
    }

    /**
     * Returns an enabled rule on a bus with an event pattern: the usual rule for Coherence events.
     *
     * @param name the rule's name; must not be {@code null}
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param eventPattern the event pattern JSON; must not be {@code null}
     * @return the definition, never {@code null}
     * @throws EventBridgeServiceException ({@code ValidationException}) if {@code name} is {@code null}
     */
    public static RuleDefinition of(String name, String eventBusName, String eventPattern) {
        return builder(name).eventBusName(eventBusName).eventPattern(Values.required(eventPattern, "eventPattern"))
                .build();
    }

    /**
     * Starts a definition of the rule named {@code name}, on the default bus, enabled, with nothing else set.
     *
     * @param name the rule's name
     * @return a new builder, never {@code null}
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds a {@link RuleDefinition}. Not thread-safe: use one builder per thread.
     */
    public static final class Builder {
        private final String name;
        private String eventBusName;
        private String eventPattern;
        private String scheduleExpression;
        private RuleState state;
        private String description;
        private String roleArn;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the bus, by name or ARN.
         *
         * @param eventBusName the bus; {@code null} means {@code default}
         * @return this builder
         */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = eventBusName;
            return this;
        }

        /**
         * Sets the event pattern.
         *
         * @param eventPattern the pattern JSON; {@code null} removes it
         * @return this builder
         */
        public Builder eventPattern(String eventPattern) {
            this.eventPattern = eventPattern;
            return this;
        }

        /**
         * Sets the schedule expression, such as {@code rate(5 minutes)}; only the default bus takes one.
         *
         * @param scheduleExpression the expression; {@code null} removes it
         * @return this builder
         */
        public Builder scheduleExpression(String scheduleExpression) {
            this.scheduleExpression = scheduleExpression;
            return this;
        }

        /**
         * Sets the state.
         *
         * @param state the state; {@code null} means {@link RuleState#ENABLED}
         * @return this builder
         */
        public Builder state(RuleState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description at most 512 characters; {@code null} removes it
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the role EventBridge assumes for the rule's targets.
         *
         * @param roleArn the role's ARN; {@code null} removes it
         * @return this builder
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * Adds a tag, applied when the rule is created.
         *
         * @param key the tag key; must not be {@code null}
         * @param value the tag value; must not be {@code null}
         * @return this builder
         */
        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the definition, never {@code null}
         * @throws EventBridgeServiceException ({@code ValidationException}) if the name is {@code null} or a tag has
         *     a {@code null} key or value
         */
        public RuleDefinition build() {
            return new RuleDefinition(name, eventBusName, Optional.ofNullable(eventPattern),
                    Optional.ofNullable(scheduleExpression), state, Optional.ofNullable(description),
                    Optional.ofNullable(roleArn), tags);
        }
    }
}
