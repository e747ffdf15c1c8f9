package com.withcoherence.events.client;

import static com.withcoherence.events.client.Fixtures.BUS;
import static com.withcoherence.events.client.Fixtures.BUS_ARN;
import static com.withcoherence.events.client.Fixtures.DLQ;
import static com.withcoherence.events.client.Fixtures.LOG_EVENTS;
import static com.withcoherence.events.client.Fixtures.LOG_GROUP;
import static com.withcoherence.events.client.Fixtures.QUEUE;
import static com.withcoherence.events.client.Fixtures.ROLE;
import static com.withcoherence.events.client.Fixtures.STATE_MACHINE;
import static com.withcoherence.events.client.Fixtures.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.withcoherence.events.client.TargetPermission.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each target gets the exact statement EventBridge's documentation prescribes, with the rule's ARN filled in. */
class PermissionsTest {

    private static final String RULE = "log-new-environments";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/" + RULE;

    private static TargetPermission only(SubscriptionTarget target) {
        List<TargetPermission> permissions = Permissions.forTargets(BUS, RULE, RULE_ARN, List.of(target));
        assertEquals(1, permissions.size(), permissions::toString);
        return permissions.get(0);
    }

    private static JsonNode json(String text) throws Exception {
        return Validation.JSON.readTree(text);
    }

    @Test
    void namesTheRuleOfACustomBusAsEventBridgeDoes() {
        assertEquals(RULE_ARN, Permissions.ruleArn(BUS_ARN, RULE));
        assertThrows(CoherenceClientException.class, () -> Permissions.ruleArn("arn:aws:sqs:us-east-1:1:q", RULE));
    }

    @Test
    void statementIdsAreDeterministicReadableAndWithinLambdasLimits() {
        String id = Permissions.statementId(BUS, RULE);
        assertEquals(id, Permissions.statementId(BUS, RULE));
        assertTrue(id.startsWith("coherence-events-log-new-environments-"), id);
        assertNotEquals(id, Permissions.statementId("other-bus", RULE), "unique per bus");
        String longest = Permissions.statementId("b".repeat(256), "r.".repeat(32));
        assertTrue(longest.length() <= 100 && longest.matches("[a-zA-Z0-9-_]+"), longest);
    }

    @Test
    void aLambdaTargetNeedsInvokeFunctionForTheRule() throws Exception {
        TargetPermission permission = only(SubscriptionTarget.lambda(LOG_EVENTS));
        String sid = Permissions.statementId(BUS, RULE);
        assertEquals(Type.LAMBDA_PERMISSION, permission.type());
        assertEquals(LOG_EVENTS, permission.resourceArn());
        assertEquals(json("{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"events.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + LOG_EVENTS
                + "\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"" + RULE_ARN + "\"}}}"),
                json(permission.statementJson()));
        assertTrue(permission.howToApply().startsWith("aws lambda add-permission --function-name " + LOG_EVENTS
                + " --statement-id " + sid + " --action lambda:InvokeFunction --principal events.amazonaws.com "
                + "--source-arn " + RULE_ARN), permission.howToApply());
        assertEquals("aws lambda remove-permission --function-name " + LOG_EVENTS + " --statement-id " + sid,
                permission.howToRemove());
    }

    @Test
    void anSqsTargetAndADeadLetterQueueNeedSendMessageForTheRule() throws Exception {
        List<TargetPermission> permissions = Permissions.forTargets(BUS, RULE, RULE_ARN,
                List.of(SubscriptionTarget.sqs(QUEUE).withDeadLetterQueue(DLQ)));
        assertEquals(List.of("environments", "environments.deadLetterQueue"),
                permissions.stream().map(TargetPermission::targetId).toList());
        for (TargetPermission permission : permissions) {
            assertEquals(Type.SQS_QUEUE_POLICY, permission.type());
            JsonNode statement = json(permission.statementJson());
            assertEquals("sqs:SendMessage", statement.path("Action").asText());
            assertEquals(permission.resourceArn(), statement.path("Resource").asText());
            assertEquals(RULE_ARN, statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());
            assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
        }
        assertEquals(List.of(QUEUE, DLQ), permissions.stream().map(TargetPermission::resourceArn).toList());
        String sid = Permissions.statementId(BUS, RULE);
        assertTrue(permissions.get(1).howToRemove().startsWith("Delete the statement with Sid " + sid + " from the "
                + "Statement list of the Policy attribute of the queue " + DLQ + ", keeping the statements it has"),
                permissions.get(1).howToRemove());
    }

    @Test
    void anSnsTargetNeedsPublishWithoutACondition() throws Exception {
        TargetPermission permission = only(SubscriptionTarget.sns(TOPIC));
        JsonNode statement = json(permission.statementJson());
        assertEquals("sns:Publish", statement.path("Action").asText());
        assertTrue(statement.path("Condition").isMissingNode());
        assertTrue(permission.howToRemove().startsWith("Delete the statement with Sid "
                + Permissions.statementId(BUS, RULE) + " from the Statement list of the access policy of the topic "
                + TOPIC), permission.howToRemove());
    }

    @Test
    void aLogGroupNeedsALogsResourcePolicyOnItsStreams() throws Exception {
        TargetPermission permission = only(SubscriptionTarget.logGroup(LOG_GROUP));
        assertEquals(Type.LOGS_RESOURCE_POLICY, permission.type());
        JsonNode statement = json(permission.statementJson());
        assertEquals(LOG_GROUP + ":*", statement.path("Resource").asText());
        assertEquals("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]", statement.path("Action").toString());
        assertTrue(permission.howToApply().contains("aws logs put-resource-policy --policy-name "
                + permission.statementId() + " "), permission.howToApply());
        assertEquals("aws logs delete-resource-policy --policy-name " + permission.statementId(),
                permission.howToRemove());
    }

    @Test
    void aTargetWithARoleNeedsTheActionInTheRolesPolicy() throws Exception {
        TargetPermission permission = only(SubscriptionTarget.stepFunctions(STATE_MACHINE, ROLE));
        assertEquals(Type.IAM_ROLE_POLICY, permission.type());
        assertEquals(ROLE, permission.resourceArn());
        JsonNode statement = json(permission.statementJson());
        assertEquals("states:StartExecution", statement.path("Action").asText());
        assertEquals(STATE_MACHINE, statement.path("Resource").asText());
        assertTrue(statement.path("Sid").asText().matches("[A-Za-z0-9]+"), "IAM Sids are alphanumeric");
        assertTrue(permission.howToApply().contains("sts:AssumeRole"));
        String policyName = Permissions.statementId(BUS, RULE);
        assertTrue(permission.howToApply().contains("aws iam put-role-policy --role-name eventbridge-targets "
                + "--policy-name " + policyName + " "), permission.howToApply());
        assertTrue(permission.howToRemove().startsWith("aws iam delete-role-policy --role-name eventbridge-targets "
                + "--policy-name " + policyName), permission.howToRemove());
        assertEquals("events:PutEvents", json(only(SubscriptionTarget.eventBus(Fixtures.OTHER_BUS, ROLE))
                .statementJson()).path("Action").asText());
    }

    @Test
    void saysNothingForATargetItCannotKnow() {
        assertNull(Permissions.forTarget(BUS, RULE, RULE_ARN,
                SubscriptionTarget.arn("arn:aws:kinesis:us-east-1:123456789012:stream/s")));
    }
}
