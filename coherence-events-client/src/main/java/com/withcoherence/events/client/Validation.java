package com.withcoherence.events.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.client.SubscriptionTarget.Kind;
import com.withcoherence.events.model.EventPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The constraints EventBridge's API puts on rules and targets (service model 2015-10-07), checked locally so that a
 * bad subscription fails before any call, with every problem named by its field.
 */
final class Validation {

    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_DESCRIPTION_LENGTH = 512;
    static final int MAX_TARGETS = 5;
    static final int MAX_ARN_LENGTH = 1600;
    static final int MAX_INPUT_LENGTH = 8192;
    static final int MAX_INPUT_PATH_LENGTH = 256;
    static final int MAX_TEMPLATE_LENGTH = 8192;
    static final int MAX_PATHS_MAP_ENTRIES = 100;
    static final int MAX_PATHS_MAP_KEY_LENGTH = 256;
    static final int MAX_MESSAGE_GROUP_ID_LENGTH = 100;

    /** Checks that an input is JSON; strict about duplicate keys, as a receiving parser may be. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String PARTITION = "arn:aws[a-z-]*:";
    private static final Pattern LAMBDA_ARN = Pattern.compile(
            PARTITION + "lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?");
    private static final Pattern SQS_ARN = Pattern.compile(PARTITION + "sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,80}");
    private static final Pattern SNS_ARN = Pattern.compile(PARTITION + "sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");
    private static final Pattern STATES_ARN = Pattern.compile(
            PARTITION + "states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_.-]{1,80}");
    private static final Pattern BUS_ARN = Pattern.compile(
            PARTITION + "events:[a-z0-9-]+:\\d{12}:event-bus/[/.A-Za-z0-9_-]{1,256}");
    private static final Pattern LOGS_ARN = Pattern.compile(
            PARTITION + "logs:[a-z0-9-]+:\\d{12}:log-group:[A-Za-z0-9_./#-]{1,512}(:\\*)?");
    private static final Pattern ROLE_ARN = Pattern.compile(PARTITION + "iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern ANY_ARN = Pattern.compile(PARTITION + "[a-z0-9-]+:[a-z0-9-]*:(\\d{12})?:.+");
    private static final Pattern PATHS_MAP_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private Validation() {
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_';
    }

    /** Checks a rule name: EventBridge's {@code [\.\-_A-Za-z0-9]+}, 1 to 64 characters. */
    static void ruleName(String name, String field, List<Problem> problems) {
        if (name == null || name.isEmpty()) {
            problems.add(new Problem(field, "the rule name is required: 1 to " + MAX_NAME_LENGTH
                    + " characters of A-Z a-z 0-9 . - _, such as 'log-new-environments'."));
            return;
        }
        nameChars(name, field, "rule name", MAX_NAME_LENGTH, problems);
    }

    private static void nameChars(String value, String field, String what, int max, List<Problem> problems) {
        if (value.length() > max) {
            problems.add(new Problem(field, "the " + what + " '" + value + "' has " + value.length()
                    + " characters; EventBridge allows at most " + max + ". Shorten it."));
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isNameChar(value.charAt(i))) {
                problems.add(new Problem(field, "the " + what + " '" + value + "' has the character '"
                        + value.charAt(i) + "' at index " + i + "; EventBridge allows only A-Z a-z 0-9 . - _."));
                return;
            }
        }
    }

    /** Every problem of a subscription's parts, each with its field. */
    static List<Problem> subscription(String name, String description, EventPattern pattern,
            List<SubscriptionTarget> targets) {
        List<Problem> problems = new ArrayList<>();
        ruleName(name, "name", problems);
        if (description == null) {
            problems.add(new Problem("description", "must not be null; use \"\" for no description."));
        } else if (description.length() > MAX_DESCRIPTION_LENGTH) {
            problems.add(new Problem("description", "has " + description.length() + " characters; EventBridge "
                    + "allows at most " + MAX_DESCRIPTION_LENGTH + ". Shorten it."));
        }
        if (pattern == null) {
            problems.add(new Problem("pattern", "the event pattern is required; build one with "
                    + "EventPattern.builder() or pass its JSON to pattern(String)."));
        }
        if (targets == null) {
            problems.add(new Problem("targets", "must not be null; add at least one target."));
            return problems;
        }
        if (targets.isEmpty()) {
            problems.add(new Problem("targets", "a subscription needs at least one target to deliver to; add one "
                    + "with target(SubscriptionTarget.lambda(...)) or another factory."));
        }
        if (targets.size() > MAX_TARGETS) {
            problems.add(new Problem("targets", "has " + targets.size() + " targets; EventBridge allows at most "
                    + MAX_TARGETS + " per rule. Split them over several subscriptions, or fan out through one SNS "
                    + "topic."));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            SubscriptionTarget target = targets.get(i);
            String at = "targets[" + i + "]";
            if (target == null) {
                problems.add(new Problem(at, "is null; remove it or pass a target."));
                continue;
            }
            if (!ids.add(target.id())) {
                problems.add(new Problem(at + ".id", "the id '" + target.id() + "' is used by an earlier target; "
                        + "ids name targets within a rule, so give this one another with withId(...)."));
            }
            target(target, at, problems);
        }
        return problems;
    }

    /** Every problem of one target, with fields under {@code at}. */
    static void target(SubscriptionTarget t, String at, List<Problem> problems) {
        if (t.id().isEmpty()) {
            problems.add(new Problem(at + ".id", "the target id is empty; use 1 to " + MAX_ID_LENGTH
                    + " characters of A-Z a-z 0-9 . - _."));
        } else {
            nameChars(t.id(), at + ".id", "target id", MAX_ID_LENGTH, problems);
        }
        arn(t, at + ".arn", problems);
        t.roleArn().ifPresent(role -> {
            if (!ROLE_ARN.matcher(role).matches() || role.length() > MAX_ARN_LENGTH) {
                problems.add(new Problem(at + ".roleArn", "'" + role + "' is not an IAM role ARN; expected "
                        + "arn:aws:iam::123456789012:role/NAME."));
            }
        });
        if (t.roleArn().isEmpty() && (t.kind() == Kind.STEP_FUNCTIONS || t.kind() == Kind.EVENT_BUS)) {
            problems.add(new Problem(at + ".roleArn", withArticle(describe(t.kind())) + " target needs an IAM role that "
                    + "EventBridge assumes to deliver; add withRoleArn(\"arn:aws:iam::ACCOUNT:role/NAME\") (the "
                    + "statement it needs is in permissionsFor(subscription))."));
        }
        if (t.roleArn().isPresent() && t.kind() == Kind.LOG_GROUP) {
            problems.add(new Problem(at + ".roleArn", "EventBridge delivers to CloudWatch Logs through the log "
                    + "group's resource policy and AWS says not to set a role on such a target; remove it."));
        }
        messageGroup(t, at, problems);
        t.retryPolicy().ifPresent(policy -> {
            if (policy.maximumRetryAttempts() < 0 || policy.maximumRetryAttempts() > TargetRetryPolicy.MAX_RETRY_ATTEMPTS) {
                problems.add(new Problem(at + ".retryPolicy.maximumRetryAttempts", "is "
                        + policy.maximumRetryAttempts() + "; EventBridge accepts 0 to "
                        + TargetRetryPolicy.MAX_RETRY_ATTEMPTS + "."));
            }
            if (policy.maximumEventAgeInSeconds() < TargetRetryPolicy.MIN_EVENT_AGE_SECONDS
                    || policy.maximumEventAgeInSeconds() > TargetRetryPolicy.MAX_EVENT_AGE_SECONDS) {
                problems.add(new Problem(at + ".retryPolicy.maximumEventAgeInSeconds", "is "
                        + policy.maximumEventAgeInSeconds() + "; EventBridge accepts "
                        + TargetRetryPolicy.MIN_EVENT_AGE_SECONDS + " to " + TargetRetryPolicy.MAX_EVENT_AGE_SECONDS
                        + " seconds (24 hours)."));
            }
        });
        t.deadLetterQueueArn().ifPresent(dlq -> {
            if (!SQS_ARN.matcher(dlq).matches()) {
                problems.add(new Problem(at + ".deadLetterQueueArn", "'" + dlq + "' is not an SQS queue ARN; a "
                        + "dead-letter queue is a standard SQS queue: arn:aws:sqs:REGION:ACCOUNT:NAME."));
            } else if (dlq.endsWith(".fifo")) {
                problems.add(new Problem(at + ".deadLetterQueueArn", "'" + dlq + "' is a FIFO queue; EventBridge "
                        + "dead-letter queues must be standard SQS queues."));
            }
        });
        inputs(t, at, problems);
    }

    private static void arn(SubscriptionTarget t, String field, List<Problem> problems) {
        String arn = t.arn();
        if (arn.length() > MAX_ARN_LENGTH) {
            problems.add(new Problem(field, "has " + arn.length() + " characters; EventBridge allows at most "
                    + MAX_ARN_LENGTH + "."));
            return;
        }
        Pattern expected;
        String example;
        switch (t.kind()) {
            case LAMBDA:
                expected = LAMBDA_ARN;
                example = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
                break;
            case SQS:
                expected = SQS_ARN;
                example = "arn:aws:sqs:us-east-1:123456789012:my-queue";
                break;
            case SNS:
                expected = SNS_ARN;
                example = "arn:aws:sns:us-east-1:123456789012:my-topic";
                break;
            case STEP_FUNCTIONS:
                expected = STATES_ARN;
                example = "arn:aws:states:us-east-1:123456789012:stateMachine:my-machine";
                break;
            case EVENT_BUS:
                expected = BUS_ARN;
                example = "arn:aws:events:us-east-1:210987654321:event-bus/my-bus";
                break;
            case LOG_GROUP:
                expected = LOGS_ARN;
                example = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/coherence";
                break;
            default:
                expected = ANY_ARN;
                example = "arn:aws:kinesis:us-east-1:123456789012:stream/my-stream";
                break;
        }
        if (!expected.matcher(arn).matches()) {
            problems.add(new Problem(field, "'" + arn + "' is not " + (t.kind() == Kind.OTHER ? "an ARN"
                    : "the ARN of " + withArticle(describe(t.kind()))) + "; expected something like " + example
                    + (t.kind() == Kind.OTHER ? "." : " (or use the factory of the target's kind).")));
        }
    }

    private static void messageGroup(SubscriptionTarget t, String at, List<Problem> problems) {
        boolean fifo = t.kind() == Kind.SQS && t.arn().endsWith(".fifo");
        if (t.messageGroupId().isPresent()) {
            String group = t.messageGroupId().get();
            if (t.kind() != Kind.SQS) {
                problems.add(new Problem(at + ".messageGroupId", "only an SQS FIFO queue target has a message group; "
                        + "remove it from this " + describe(t.kind()) + " target."));
            } else if (!fifo) {
                problems.add(new Problem(at + ".messageGroupId", "the queue is a standard queue (its name does not "
                        + "end in .fifo); remove the message group, or target the FIFO queue."));
            }
            if (group.isEmpty() || group.length() > MAX_MESSAGE_GROUP_ID_LENGTH) {
                problems.add(new Problem(at + ".messageGroupId", "has " + group.length() + " characters; use 1 to "
                        + MAX_MESSAGE_GROUP_ID_LENGTH + "."));
            }
        } else if (fifo) {
            problems.add(new Problem(at + ".messageGroupId", "a FIFO queue target needs a message group; use "
                    + "SubscriptionTarget.sqsFifo(queueArn, messageGroupId) (the queue must have content-based "
                    + "deduplication enabled)."));
        }
    }

    private static void inputs(SubscriptionTarget t, String at, List<Problem> problems) {
        int set = (t.input().isPresent() ? 1 : 0) + (t.inputPath().isPresent() ? 1 : 0)
                + (t.inputTransformer().isPresent() ? 1 : 0);
        if (set > 1) {
            problems.add(new Problem(at + ".input", "input, inputPath and inputTransformer are mutually exclusive "
                    + "in EventBridge; keep only one (or none, to deliver the whole event)."));
        }
        t.input().ifPresent(input -> {
            if (input.length() > MAX_INPUT_LENGTH) {
                problems.add(new Problem(at + ".input", "has " + input.length() + " characters; EventBridge allows "
                        + "at most " + MAX_INPUT_LENGTH + "."));
            } else if (!isJson(input)) {
                problems.add(new Problem(at + ".input", "is not valid JSON text; EventBridge delivers it as it is, "
                        + "so pass JSON such as {\"action\":\"provision\"} or \"\\\"text\\\"\"."));
            }
        });
        t.inputPath().ifPresent(path -> jsonPath(path, at + ".inputPath", problems));
        t.inputTransformer().ifPresent(transformer -> {
            Map<String, String> paths = transformer.inputPathsMap();
            if (paths.size() > MAX_PATHS_MAP_ENTRIES) {
                problems.add(new Problem(at + ".inputTransformer.inputPathsMap", "has " + paths.size()
                        + " variables; EventBridge allows at most " + MAX_PATHS_MAP_ENTRIES + "."));
            }
            for (Map.Entry<String, String> entry : paths.entrySet()) {
                String key = entry.getKey();
                String keyField = at + ".inputTransformer.inputPathsMap[" + key + "]";
                if (key.isEmpty() || key.length() > MAX_PATHS_MAP_KEY_LENGTH
                        || !PATHS_MAP_KEY.matcher(key).matches()) {
                    problems.add(new Problem(keyField, "the variable name '" + key + "' is not valid; use 1 to "
                            + MAX_PATHS_MAP_KEY_LENGTH + " characters of A-Z a-z 0-9 _ -."));
                } else if (key.startsWith("AWS.")) {
                    problems.add(new Problem(keyField, "variable names cannot start with 'AWS.'; rename it."));
                }
                jsonPath(entry.getValue(), keyField, problems);
            }
            String template = transformer.inputTemplate();
            if (template.isEmpty() || template.length() > MAX_TEMPLATE_LENGTH) {
                problems.add(new Problem(at + ".inputTransformer.inputTemplate", "has " + template.length()
                        + " characters; EventBridge requires 1 to " + MAX_TEMPLATE_LENGTH + "."));
            }
        });
    }

    private static void jsonPath(String path, String field, List<Problem> problems) {
        if (path.isEmpty() || path.length() > MAX_INPUT_PATH_LENGTH) {
            problems.add(new Problem(field, "the JSONPath has " + path.length() + " characters; EventBridge "
                    + "requires 1 to " + MAX_INPUT_PATH_LENGTH + "."));
        } else if (!path.startsWith("$")) {
            problems.add(new Problem(field, "the JSONPath '" + path + "' does not start with '$'; EventBridge "
                    + "reads paths in dot notation from the event's root, such as $.detail.new_environments."));
        }
    }

    static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return !text.isBlank();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** "an SQS queue", "an SNS topic", "an event bus", but "a Step Functions state machine". */
    static String withArticle(String noun) {
        return (noun.startsWith("SQS") || noun.startsWith("SNS") || noun.startsWith("e") ? "an " : "a ") + noun;
    }

    static String describe(Kind kind) {
        switch (kind) {
            case LAMBDA:
                return "Lambda function";
            case SQS:
                return "SQS queue";
            case SNS:
                return "SNS topic";
            case STEP_FUNCTIONS:
                return "Step Functions state machine";
            case EVENT_BUS:
                return "event bus";
            case LOG_GROUP:
                return "CloudWatch Logs log group";
            default:
                return "other";
        }
    }
}
