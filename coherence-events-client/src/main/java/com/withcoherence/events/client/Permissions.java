package com.withcoherence.events.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.withcoherence.events.client.SubscriptionTarget.Kind;
import com.withcoherence.events.client.TargetPermission.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the policy statements EventBridge needs to deliver to each target (EventBridge user guide,
 * "Using resource-based policies for Amazon EventBridge"), with statement ids that are the same on every run.
 */
final class Permissions {

    static final String EVENTS_PRINCIPAL = "events.amazonaws.com";

    private static final String STATEMENT_ID_PREFIX = "coherence-events-";

    private Permissions() {
    }

    /**
     * The statement id for a rule: readable (the rule's name) and unique per bus and rule (a hash of both), within
     * Lambda's limits for a StatementId (1 to 100 characters of {@code [a-zA-Z0-9-_]}).
     */
    static String statementId(String busName, String ruleName) {
        return STATEMENT_ID_PREFIX + ruleName.replace('.', '_') + "-" + hash(busName + "/" + ruleName);
    }

    /** The statement id in the alphanumeric form IAM identity policies require. */
    private static String iamSid(String busName, String ruleName) {
        return "CoherenceEvents" + hash(busName + "/" + ruleName);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The rule's ARN from the bus's: EventBridge names rules on a custom bus {@code …:rule/BUS/RULE}. */
    static String ruleArn(String busArn, String ruleName) {
        int at = busArn.indexOf(":event-bus/");
        if (at < 0) {
            throw new CoherenceClientException("DescribeEventBus answered the ARN '" + busArn + "', which is not an "
                    + "event-bus ARN; check the endpoint the EventBridgeClient talks to.");
        }
        return busArn.substring(0, at) + ":rule/" + busArn.substring(at + ":event-bus/".length()) + "/" + ruleName;
    }

    /** Every statement the targets of a rule need, in target order. */
    static List<TargetPermission> forTargets(String busName, String ruleName, String ruleArn,
            List<SubscriptionTarget> targets) {
        List<TargetPermission> permissions = new ArrayList<>();
        for (SubscriptionTarget target : targets) {
            TargetPermission permission = forTarget(busName, ruleName, ruleArn, target);
            if (permission != null) {
                permissions.add(permission);
            }
            target.deadLetterQueueArn().ifPresent(dlq -> permissions.add(sqs(busName, ruleName, ruleArn,
                    target.id() + ".deadLetterQueue", dlq)));
        }
        return permissions;
    }

    /** The statement one target needs, or {@code null} when the client cannot know it ({@link Kind#OTHER}). */
    static TargetPermission forTarget(String busName, String ruleName, String ruleArn, SubscriptionTarget target) {
        if (target.roleArn().isPresent()) {
            return role(busName, ruleName, target);
        }
        switch (target.kind()) {
            case LAMBDA:
                return lambda(busName, ruleName, ruleArn, target);
            case SQS:
                return sqs(busName, ruleName, ruleArn, target.id(), target.arn());
            case SNS:
                return sns(busName, ruleName, target);
            case LOG_GROUP:
                return logs(busName, ruleName, target);
            default:
                return null;
        }
    }

    private static TargetPermission lambda(String busName, String ruleName, String ruleArn,
            SubscriptionTarget target) {
        String sid = statementId(busName, ruleName);
        ObjectNode statement = statement(sid, "lambda:InvokeFunction", target.arn());
        statement.putObject("Condition").putObject("ArnLike").put("AWS:SourceArn", ruleArn);
        String how = "aws lambda add-permission --function-name " + target.arn() + " --statement-id " + sid
                + " --action lambda:InvokeFunction --principal " + EVENTS_PRINCIPAL + " --source-arn " + ruleArn;
        String remove = "aws lambda remove-permission --function-name " + target.arn() + " --statement-id " + sid;
        return new TargetPermission(target.id(), Type.LAMBDA_PERMISSION, target.arn(), sid, statement.toString(),
                how, remove);
    }

    private static TargetPermission sqs(String busName, String ruleName, String ruleArn, String targetId,
            String queueArn) {
        String sid = statementId(busName, ruleName);
        ObjectNode statement = statement(sid, "sqs:SendMessage", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        String how = "Add this statement to the Statement list of the queue's Policy attribute, keeping the "
                + "statements it has (aws sqs get-queue-attributes --attribute-names Policy, then aws sqs "
                + "set-queue-attributes --attributes Policy=...). For a KMS-encrypted queue the key policy must also "
                + "allow " + EVENTS_PRINCIPAL + " kms:Decrypt and kms:GenerateDataKey.";
        String remove = "Delete the statement with Sid " + sid + " from the Statement list of the Policy attribute "
                + "of the queue " + queueArn + ", keeping the statements it has (aws sqs get-queue-attributes "
                + "--attribute-names Policy, then aws sqs set-queue-attributes --attributes Policy=...; set Policy to "
                + "\"\" if no statement is left).";
        return new TargetPermission(targetId, Type.SQS_QUEUE_POLICY, queueArn, sid, statement.toString(), how,
                remove);
    }

    private static TargetPermission sns(String busName, String ruleName, SubscriptionTarget target) {
        String sid = statementId(busName, ruleName);
        // No Condition: EventBridge's documentation says SNS topic policies for EventBridge cannot use one.
        ObjectNode statement = statement(sid, "sns:Publish", target.arn());
        String how = "Add this statement to the Statement list of the topic's access policy, keeping the statements "
                + "it has (aws sns get-topic-attributes, then aws sns set-topic-attributes --attribute-name Policy "
                + "--attribute-value ...). For a KMS-encrypted topic the key policy must also allow "
                + EVENTS_PRINCIPAL + " kms:Decrypt and kms:GenerateDataKey.";
        String remove = "Delete the statement with Sid " + sid + " from the Statement list of the access policy of "
                + "the topic " + target.arn() + ", keeping the statements it has (aws sns get-topic-attributes, then "
                + "aws sns set-topic-attributes --attribute-name Policy --attribute-value ...).";
        return new TargetPermission(target.id(), Type.SNS_TOPIC_POLICY, target.arn(), sid, statement.toString(),
                how, remove);
    }

    private static TargetPermission logs(String busName, String ruleName, SubscriptionTarget target) {
        String sid = statementId(busName, ruleName);
        String logGroup = target.arn().endsWith(":*") ? target.arn() : target.arn() + ":*";
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", sid).put("Effect", "Allow");
        statement.putObject("Principal").putArray("Service").add(EVENTS_PRINCIPAL).add("delivery.logs.amazonaws.com");
        statement.putArray("Action").add("logs:CreateLogStream").add("logs:PutLogEvents");
        statement.put("Resource", logGroup);
        String how = "Add this statement to a CloudWatch Logs resource policy of the account (aws logs "
                + "put-resource-policy --policy-name " + sid + " --policy-document "
                + "'{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}').";
        // The statement is applied as a resource policy of its own, named after its Sid: deleting that policy
        // removes exactly it.
        String remove = "aws logs delete-resource-policy --policy-name " + sid;
        return new TargetPermission(target.id(), Type.LOGS_RESOURCE_POLICY, target.arn(), sid,
                statement.toString(), how, remove);
    }

    private static TargetPermission role(String busName, String ruleName, SubscriptionTarget target) {
        String action;
        switch (target.kind()) {
            case LAMBDA:
                action = "lambda:InvokeFunction";
                break;
            case SQS:
                action = "sqs:SendMessage";
                break;
            case SNS:
                action = "sns:Publish";
                break;
            case STEP_FUNCTIONS:
                action = "states:StartExecution";
                break;
            case EVENT_BUS:
                action = "events:PutEvents";
                break;
            default:
                return null;
        }
        String role = target.roleArn().orElseThrow();
        String sid = iamSid(busName, ruleName);
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", sid).put("Effect", "Allow").put("Action", action).put("Resource", target.arn());
        String roleName = role.substring(role.lastIndexOf('/') + 1);
        String policyName = statementId(busName, ruleName);
        String how = "Add this statement to a permissions policy of the role (aws iam put-role-policy --role-name "
                + roleName + " --policy-name " + policyName + " --policy-document "
                + "'{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}'). The role's trust policy must "
                + "allow {\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + EVENTS_PRINCIPAL + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}"
                + (target.kind() == Kind.EVENT_BUS ? "; the receiving bus's policy must allow the role's account "
                + "events:PutEvents." : ".");
        String remove = "aws iam delete-role-policy --role-name " + roleName + " --policy-name " + policyName
                + "   (the inline policy that holds statement " + sid + "; keep the role's trust policy if other "
                + "rules use the role)";
        return new TargetPermission(target.id(), Type.IAM_ROLE_POLICY, role, sid, statement.toString(), how,
                remove);
    }

    private static ObjectNode statement(String sid, String action, String resource) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", sid).put("Effect", "Allow");
        statement.putObject("Principal").put("Service", EVENTS_PRINCIPAL);
        statement.put("Action", action).put("Resource", resource);
        return statement;
    }
}
