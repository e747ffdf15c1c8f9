package com.withcoherence.events.testkit;

import java.util.Optional;

/**
 * The EventBridge API operations a {@link LocalEventBridge} answers, by the name the wire protocol uses
 * ({@code X-Amz-Target: AWSEvents.<name>}); used to count requests and to aim faults at one operation.
 *
 * <pre>{@code
 * endpoint.faults().throttle(EventBridgeOperation.PUT_RULE, 2);
 * assertEquals(0, endpoint.requests().count(EventBridgeOperation.PUT_TARGETS));
 * }</pre>
 *
 * <p>Thread-safe, as every enum.
 */
public enum EventBridgeOperation {
    /** CreateEventBus. */
    CREATE_EVENT_BUS("CreateEventBus", true),
    /** DescribeEventBus. */
    DESCRIBE_EVENT_BUS("DescribeEventBus", false),
    /** ListEventBuses. */
    LIST_EVENT_BUSES("ListEventBuses", false),
    /** DeleteEventBus. */
    DELETE_EVENT_BUS("DeleteEventBus", true),
    /** PutRule. */
    PUT_RULE("PutRule", true),
    /** DescribeRule. */
    DESCRIBE_RULE("DescribeRule", false),
    /** ListRules. */
    LIST_RULES("ListRules", false),
    /** EnableRule. */
    ENABLE_RULE("EnableRule", true),
    /** DisableRule. */
    DISABLE_RULE("DisableRule", true),
    /** DeleteRule. */
    DELETE_RULE("DeleteRule", true),
    /** PutTargets. */
    PUT_TARGETS("PutTargets", true),
    /** ListTargetsByRule. */
    LIST_TARGETS_BY_RULE("ListTargetsByRule", false),
    /** RemoveTargets. */
    REMOVE_TARGETS("RemoveTargets", true),
    /** ListRuleNamesByTarget. */
    LIST_RULE_NAMES_BY_TARGET("ListRuleNamesByTarget", false),
    /** PutEvents: sends events; not a {@linkplain #isWrite() write} of buses, rules, targets or tags. */
    PUT_EVENTS("PutEvents", false),
    /** TestEventPattern. */
    TEST_EVENT_PATTERN("TestEventPattern", false),
    /** TagResource. */
    TAG_RESOURCE("TagResource", true),
    /** UntagResource. */
    UNTAG_RESOURCE("UntagResource", true),
    /** ListTagsForResource. */
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource", false);

    /** The prefix of {@code X-Amz-Target} for every EventBridge operation: {@value}. */
    public static final String TARGET_PREFIX = "AWSEvents.";

    private final String awsName;
    private final boolean write;

    EventBridgeOperation(String awsName, boolean write) {
        this.awsName = awsName;
        this.write = write;
    }

    /**
     * Returns the operation's name in the API, as in {@code X-Amz-Target: AWSEvents.PutRule}.
     *
     * @return the name, such as {@code PutRule}; never {@code null}
     */
    public String awsName() {
        return awsName;
    }

    /**
     * Returns whether the operation changes buses, rules, targets or tags: what code that must be idempotent ("set
     * up twice, the second time changes nothing") must not call when nothing needs to change. PutEvents,
     * TestEventPattern and the Describe and List operations are not writes.
     *
     * @return {@code true} for CreateEventBus, DeleteEventBus, PutRule, EnableRule, DisableRule, DeleteRule,
     *     PutTargets, RemoveTargets, TagResource and UntagResource
     */
    public boolean isWrite() {
        return write;
    }

    /**
     * Returns the operation with the given API name.
     *
     * @param awsName a name such as {@code PutRule}, without the {@code AWSEvents.} prefix; {@code null} finds
     *     nothing
     * @return the operation, or empty if the endpoint does not answer one of that name
     */
    public static Optional<EventBridgeOperation> fromAwsName(String awsName) {
        for (EventBridgeOperation operation : values()) {
            if (operation.awsName.equals(awsName)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
