package com.withcoherence.events.testkit;

/**
 * Whether a rule routes events, as the {@code State} of PutRule and DescribeRule.
 *
 * <p>Thread-safe, as every enum.
 */
public enum RuleState {
    /** The rule matches events and delivers them to its targets. */
    ENABLED,
    /** The rule is kept, with its targets, but matches nothing until it is enabled again. */
    DISABLED,
    /**
     * Enabled, and on the default bus also matching CloudTrail management events; on a custom bus it behaves as
     * {@link #ENABLED}, which is all the in-memory bus does with it.
     */
    ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS;

    /** Returns whether a rule in this state matches events. */
    boolean routes() {
        return this != DISABLED;
    }
}
