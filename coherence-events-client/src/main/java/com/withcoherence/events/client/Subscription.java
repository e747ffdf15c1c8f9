package com.withcoherence.events.client;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.model.CoherenceEventException;
import com.withcoherence.events.model.EventPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What should exist on the Coherence bus: one EventBridge rule (name, description, pattern, enabled) and its up to
 * five targets. {@link CoherenceEventsClient#subscribe(Subscription, SubscribeOption...)} makes the bus match it
 * exactly.
 *
 * <p>The console setup of Coherence's documentation (a rule on the {@code …-coherence-events} bus that sends
 * {@code new_environments} events to the Lambda function {@code log-events}) is:
 *
 * <pre>{@code
 * Subscription subscription = Subscription.builder()
 *         .name("log-new-environments")
 *         .description("Coherence new_environments events to log-events")
 *         .pattern(EventPattern.builder().newEnvironments().build())
 *         .target(SubscriptionTarget.lambda("arn:aws:lambda:us-east-1:123456789012:function:log-events"))
 *         .build();
 * }</pre>
 *
 * <p>Every constraint EventBridge puts on a rule and its targets is checked when a subscription is created, before
 * any call to AWS; {@link CoherenceClientException#problems()} then lists every problem with its field.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the rule's name: 1 to 64 characters of {@code A-Z a-z 0-9 . - _}, unique on the bus
 * @param description the rule's description, at most 512 characters; {@code ""} for none
 * @param pattern the event pattern that selects the events to deliver
 * @param enabled whether the rule delivers events ({@code ENABLED}) or not ({@code DISABLED})
 * @param targets the targets, 1 to 5, with distinct ids; copied into an unmodifiable list
 */
public record Subscription(String name, String description, EventPattern pattern, boolean enabled,
        List<SubscriptionTarget> targets) {

    /**
     * Checks every component and copies the targets.
     *
     * @param name the rule's name: 1 to 64 characters of {@code A-Z a-z 0-9 . - _}
     * @param description the rule's description, at most 512 characters; {@code ""} for none
     * @param pattern the event pattern; must not be {@code null}
     * @param enabled whether the rule delivers events
     * @param targets the targets, 1 to 5, valid and with distinct ids
     * @throws CoherenceClientException listing every problem, if any component is invalid
     */
    public Subscription {
        List<Problem> problems = Validation.subscription(name, description, pattern, targets);
        if (!problems.isEmpty()) {
            throw CoherenceClientException.invalid(label(name), problems);
        }
        targets = List.copyOf(targets);
    }

    /**
     * Returns a builder; {@code enabled} defaults to {@code true} and the description to {@code ""}.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this subscription's values, to derive a changed copy.
     *
     * @return a new builder, never {@code null}
     */
    public Builder toBuilder() {
        Builder builder = new Builder().name(name).description(description).pattern(pattern).enabled(enabled);
        builder.targets.addAll(targets);
        return builder;
    }

    /**
     * Returns the target with the given id.
     *
     * @param id the target's id
     * @return the target, or empty when none has that id
     */
    public java.util.Optional<SubscriptionTarget> target(String id) {
        return targets.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private static String label(String name) {
        return name == null || name.isEmpty() ? "Subscription" : "Subscription '" + name + "'";
    }

    /**
     * Collects the parts of a {@link Subscription}; {@link #build()} checks them all at once.
     *
     * <p>Not thread-safe: use a builder from one thread. The subscriptions it builds are immutable.
     */
    public static final class Builder {

        private String name;
        private String description = "";
        private EventPattern pattern;
        private Problem patternProblem;
        private boolean enabled = true;
        private final List<SubscriptionTarget> targets = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the rule's name.
         *
         * @param name 1 to 64 characters of {@code A-Z a-z 0-9 . - _}; checked by {@link #build()}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the rule's description.
         *
         * @param description at most 512 characters, {@code ""} for none; checked by {@link #build()}
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the event pattern, typically from {@code EventPattern.builder()}.
         *
         * @param pattern the pattern; {@code null} is reported by {@link #build()}
         * @return this builder
         */
        public Builder pattern(EventPattern pattern) {
            this.pattern = pattern;
            this.patternProblem = null;
            return this;
        }

        /**
         * Sets the event pattern from its JSON text, for patterns the typed builder does not write. It is validated
         * locally as EventBridge validates it ({@code EventPattern.of}); a pattern EventBridge would reject is
         * reported by {@link #build()} with EventBridge's reason.
         *
         * @param json the pattern's JSON text, such as {@code {"source":["Coherence"]}}
         * @return this builder
         */
        public Builder pattern(String json) {
            try {
                this.pattern = EventPattern.of(json);
                this.patternProblem = null;
            } catch (CoherenceEventException e) {
                this.pattern = null;
                this.patternProblem = new Problem("pattern", e.getMessage());
            }
            return this;
        }

        /**
         * Sets whether the rule delivers events; {@code true} unless set.
         *
         * @param enabled {@code true} for {@code ENABLED}, {@code false} for {@code DISABLED}
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Adds a target.
         *
         * @param target the target; {@code null} is reported by {@link #build()}
         * @return this builder
         */
        public Builder target(SubscriptionTarget target) {
            targets.add(target);
            return this;
        }

        /**
         * Adds targets.
         *
         * @param targets the targets; {@code null} elements are reported by {@link #build()}
         * @return this builder
         */
        public Builder targets(SubscriptionTarget... targets) {
            if (targets == null) {
                this.targets.add(null);
            } else {
                this.targets.addAll(Arrays.asList(targets));
            }
            return this;
        }

        /**
         * Removes every target added so far, for example to replace them in a {@link Subscription#toBuilder()}.
         *
         * @return this builder
         */
        public Builder clearTargets() {
            targets.clear();
            return this;
        }

        /**
         * Checks every part and builds the subscription.
         *
         * @return the subscription, never {@code null}
         * @throws CoherenceClientException listing every problem with its field, if any part is invalid
         */
        public Subscription build() {
            if (patternProblem != null) {
                List<Problem> problems = new ArrayList<>();
                problems.add(patternProblem);
                problems.addAll(Validation.subscription(name, description, pattern, targets).stream()
                        .filter(p -> !p.field().equals("pattern")).toList());
                throw CoherenceClientException.invalid(label(name), problems);
            }
            return new Subscription(name, description, pattern, enabled, targets);
        }
    }
}
