package com.withcoherence.events.client;

/**
 * One write the client makes (or, in a {@link SubscriptionPlan}, would make) on AWS: what it does, to what, and why.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param action what the change does
 * @param subject what it changes: a rule name, a target id, or a Lambda statement id
 * @param detail what exactly: the fields that differ, the target's ARN, the function; possibly empty
 */
public record PlannedChange(Action action, String subject, String detail) {

    /**
     * Checks the components.
     *
     * @param action what the change does; must not be {@code null}
     * @param subject what it changes; must not be {@code null}
     * @param detail what exactly; must not be {@code null}, possibly empty
     * @throws CoherenceClientException naming each component that is {@code null}
     */
    public PlannedChange {
        Components.of("PlannedChange").nonNull("action", action).nonNull("subject", subject)
                .nonNull("detail", detail).check();
    }

    /** What a change does, and the AWS call that does it. */
    public enum Action {
        /** Create the rule (PutRule, with the ownership tag). */
        CREATE_RULE("+", "create rule"),
        /** Update the rule's pattern, description or state (PutRule with every field). */
        UPDATE_RULE("~", "update rule"),
        /**
         * Take over a rule coherence-events did not create, by tagging it as managed by coherence-events
         * (TagResource); planned only with {@link SubscribeOption#ADOPT_EXISTING_RULE}.
         */
        ADOPT_RULE("~", "adopt rule"),
        /** Add a target (PutTargets). */
        ADD_TARGET("+", "add target"),
        /** Replace a target that has the same id (PutTargets). */
        UPDATE_TARGET("~", "update target"),
        /** Remove a target (RemoveTargets). */
        REMOVE_TARGET("-", "remove target"),
        /** Let EventBridge invoke a Lambda function (Lambda AddPermission). */
        ADD_LAMBDA_PERMISSION("+", "add Lambda permission"),
        /** Remove the permission the client added (Lambda RemovePermission). */
        REMOVE_LAMBDA_PERMISSION("-", "remove Lambda permission"),
        /** Delete the rule (DeleteRule). */
        DELETE_RULE("-", "delete rule");

        private final String sign;
        private final String verb;

        Action(String sign, String verb) {
            this.sign = sign;
            this.verb = verb;
        }

        /**
         * Returns {@code +} for what is created, {@code ~} for what is changed and {@code -} for what is removed.
         *
         * @return the sign, never {@code null}
         */
        public String sign() {
            return sign;
        }

        /**
         * Returns the action in words, such as {@code add target}.
         *
         * @return the words, never {@code null}
         */
        public String verb() {
            return verb;
        }
    }

    /**
     * Returns the change as one line a CLI can print, such as {@code + add target log-events: arn:aws:lambda:…}.
     *
     * @return the line, never {@code null}
     */
    @Override
    public String toString() {
        return action.sign() + " " + action.verb() + " " + subject + (detail.isEmpty() ? "" : ": " + detail);
    }
}
