package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventBridgeOperationTest {

    @Test
    void namesTheNineteenOperationsAsTheWireProtocolDoes() {
        assertEquals(List.of("CreateEventBus", "DescribeEventBus", "ListEventBuses", "DeleteEventBus", "PutRule",
                "DescribeRule", "ListRules", "EnableRule", "DisableRule", "DeleteRule", "PutTargets",
                "ListTargetsByRule", "RemoveTargets", "ListRuleNamesByTarget", "PutEvents", "TestEventPattern",
                "TagResource", "UntagResource", "ListTagsForResource"),
                Arrays.stream(EventBridgeOperation.values()).map(EventBridgeOperation::awsName).toList());
        for (EventBridgeOperation operation : EventBridgeOperation.values()) {
            assertEquals(Optional.of(operation), EventBridgeOperation.fromAwsName(operation.awsName()));
        }
        assertEquals(Optional.empty(), EventBridgeOperation.fromAwsName("CreateArchive"));
        assertEquals(Optional.empty(), EventBridgeOperation.fromAwsName(null));
        assertEquals(Optional.empty(), EventBridgeOperation.fromAwsName("putrule"));
    }

    @Test
    void writesAreTheOperationsThatChangeBusesRulesTargetsOrTags() {
        assertEquals(List.of(EventBridgeOperation.CREATE_EVENT_BUS, EventBridgeOperation.DELETE_EVENT_BUS,
                EventBridgeOperation.PUT_RULE, EventBridgeOperation.ENABLE_RULE, EventBridgeOperation.DISABLE_RULE,
                EventBridgeOperation.DELETE_RULE, EventBridgeOperation.PUT_TARGETS,
                EventBridgeOperation.REMOVE_TARGETS, EventBridgeOperation.TAG_RESOURCE,
                EventBridgeOperation.UNTAG_RESOURCE),
                Arrays.stream(EventBridgeOperation.values()).filter(EventBridgeOperation::isWrite).toList());
        assertFalse(EventBridgeOperation.PUT_EVENTS.isWrite());
        assertTrue(EventBridgeOperation.PUT_TARGETS.isWrite());
    }
}
