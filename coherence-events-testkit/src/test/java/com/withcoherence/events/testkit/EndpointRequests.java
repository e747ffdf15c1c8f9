package com.withcoherence.events.testkit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Request bodies for every operation of the loopback endpoint, built from fuzz input: the members the API model
 * names, with values drawn from small pools (so that requests of a sequence meet the same buses, rules, targets and
 * page tokens) or from the input itself, and now and then a member left out, sent as JSON {@code null}, or sent with
 * the wrong JSON type. Raw bytes reach the parser through {@link EndpointHandlerFuzzTest#anyRequest} too; these bodies
 * reach the operations behind it.
 */
final class EndpointRequests {

    static final String ACCOUNT = InMemoryEventBridge.DEFAULT_ACCOUNT;
    static final String ARN_PREFIX = "arn:aws:events:us-east-1:" + ACCOUNT + ":";

    static final String[] BUSES = {"default", "bus", "other", ARN_PREFIX + "event-bus/bus",
        ARN_PREFIX + "event-bus/default", ARN_PREFIX + "event-bus/other",
        "arn:aws:events:us-east-1:210987654321:event-bus/bus", "arn:aws:events:eu-west-1:" + ACCOUNT + ":event-bus/bus"};
    static final String[] RULES = {"r1", "r2", "r3", "r4", "r5"};
    static final String[] PATTERNS = {
        "{\"source\":[\"Coherence\"]}",
        "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"]}",
        "{\"detail\":{\"environments\":{\"environment_name\":[{\"prefix\":\"pr-\"}]}}}",
        "{\"source\":[{\"anything-but\":[\"x\"]}]}",
        "{\"$or\":[{\"source\":[\"a\"]},{\"detail-type\":[\"b\"]}]}",
        "{\"source\":\"Coherence\"}",
        "{}",
        "[]",
        "not json",
        "{\"source\":[{\"unknown-operator\":1}]}",
    };
    static final String[] TARGET_IDS = {"t1", "t2", "t3", "t4", "t5", "t6", "t7"};
    static final String[] TARGET_ARNS = {
        "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q1",
        "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q2.fifo",
        "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f1",
        "arn:aws:sns:us-east-1:" + ACCOUNT + ":topic",
        ARN_PREFIX + "event-bus/other",
        "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/aws/events/x",
    };
    static final String[] INPUT_PATHS = {"$.detail", "$.detail.environments[0]", "$", "$..x", "detail", "$.detail[",
        "$['detail']"};
    static final String[] INPUTS = {"{\"a\":1}", "\"text\"", "not json", "[1,2]", "null"};
    static final String[] TEMPLATE_NAMES = {"env", "time", "x y", "aws.events.event", ""};
    static final String[] TEMPLATES = {"<env>", "{\"e\": <env>, \"t\": \"<time>\"}", "<aws.events.event.json>",
        "<undefined>", "\"<env>\"", "{\"e\": <env"};
    static final String[] SOURCES = {"Coherence", "aws.events", "my.app", ""};
    static final String[] DETAIL_TYPES = {"new_environments", "valid_environments", "other"};
    static final String[] DETAILS = {
        "{\"environments\":[{\"cloudfront_id\":\"E1\",\"environment_name\":\"pr-1\",\"application_name\":\"shop\"}]}",
        "{}", "[]", "not json", "{\"a\":", "\"text\""};
    static final String[] EVENTS = {
        "{\"id\":\"1\",\"account\":\"" + ACCOUNT + "\",\"source\":\"Coherence\",\"time\":\"2023-05-19T13:56:16Z\","
                + "\"region\":\"us-east-1\",\"detail-type\":\"new_environments\",\"resources\":[],\"detail\":"
                + DETAILS[0] + "}",
        "{\"id\":\"1\",\"account\":\"" + ACCOUNT + "\",\"source\":\"Coherence\",\"time\":\"yesterday\","
                + "\"region\":\"us-east-1\",\"detail-type\":\"x\",\"detail\":{}}",
        "{\"source\":\"Coherence\"}",
        "[]",
        "not json"};
    static final String[] STATES = {"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", "enabled"};

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FuzzedDataProvider data;
    private final boolean distinctIds;
    /** Page tokens the endpoint answered earlier in this input, offered back as {@code NextToken}. */
    private final List<String> tokens = new ArrayList<>();

    /**
     * @param distinctIds whether the ids of one PutTargets or RemoveTargets request are kept distinct (a sequence's
     *     model of the bus must know which entry an answer's {@code FailedEntries} names)
     */
    EndpointRequests(FuzzedDataProvider data, boolean distinctIds) {
        this.data = data;
        this.distinctIds = distinctIds;
    }

    /** Offers a page token an answer carried to later requests. */
    void sawToken(String token) {
        if (tokens.size() < 20) {
            tokens.add(token);
        }
    }

    /** A body for {@code operation}. */
    ObjectNode body(EventBridgeOperation operation) {
        ObjectNode body = NODES.objectNode();
        switch (operation) {
            case CREATE_EVENT_BUS -> {
                member(body, "Name", () -> text(BUSES));
                member(body, "Description", this::shortText);
                if (rarely()) {
                    member(body, "Tags", this::tags);
                }
                if (rarely()) {
                    member(body, data.pickValue(new String[] {"EventSourceName", "KmsKeyIdentifier",
                        "DeadLetterConfig", "LogConfig"}), this::shortText);
                }
            }
            case DESCRIBE_EVENT_BUS, DELETE_EVENT_BUS -> member(body, "Name", () -> text(BUSES));
            case LIST_EVENT_BUSES -> {
                member(body, "NamePrefix", this::shortText);
                page(body);
            }
            case PUT_RULE -> {
                member(body, "Name", () -> text(RULES));
                member(body, "EventBusName", () -> text(BUSES));
                member(body, "EventPattern", () -> text(PATTERNS));
                if (rarely()) {
                    member(body, "ScheduleExpression", () -> text(new String[] {"rate(5 minutes)", "cron(0 1 * * ? *)",
                        "rate("}));
                }
                member(body, "State", () -> text(STATES));
                member(body, "Description", this::shortText);
                if (rarely()) {
                    member(body, "RoleArn", () -> text(TARGET_ARNS));
                }
                if (rarely()) {
                    member(body, "Tags", this::tags);
                }
            }
            case DESCRIBE_RULE, ENABLE_RULE, DISABLE_RULE, DELETE_RULE -> {
                member(body, "Name", () -> text(RULES));
                member(body, "EventBusName", () -> text(BUSES));
                if (operation == EventBridgeOperation.DELETE_RULE && rarely()) {
                    member(body, "Force", () -> NODES.booleanNode(data.consumeBoolean()));
                }
            }
            case LIST_RULES -> {
                member(body, "EventBusName", () -> text(BUSES));
                member(body, "NamePrefix", () -> text(new String[] {"r", "r1", "x", ""}));
                page(body);
            }
            case PUT_TARGETS -> {
                member(body, "Rule", () -> text(RULES));
                member(body, "EventBusName", () -> text(BUSES));
                member(body, "Targets", this::targets);
            }
            case LIST_TARGETS_BY_RULE -> {
                member(body, "Rule", () -> text(RULES));
                member(body, "EventBusName", () -> text(BUSES));
                page(body);
            }
            case REMOVE_TARGETS -> {
                member(body, "Rule", () -> text(RULES));
                member(body, "EventBusName", () -> text(BUSES));
                member(body, "Ids", () -> ids());
                if (rarely()) {
                    member(body, "Force", () -> NODES.booleanNode(data.consumeBoolean()));
                }
            }
            case LIST_RULE_NAMES_BY_TARGET -> {
                member(body, "TargetArn", () -> text(TARGET_ARNS));
                member(body, "EventBusName", () -> text(BUSES));
                page(body);
            }
            case PUT_EVENTS -> {
                member(body, "Entries", this::entries);
                if (rarely()) {
                    member(body, "EndpointId", this::shortText);
                }
            }
            case TEST_EVENT_PATTERN -> {
                member(body, "EventPattern", () -> text(PATTERNS));
                member(body, "Event", () -> text(EVENTS));
            }
            case TAG_RESOURCE -> {
                member(body, "ResourceARN", this::resourceArn);
                member(body, "Tags", this::tags);
            }
            case UNTAG_RESOURCE -> {
                member(body, "ResourceARN", this::resourceArn);
                member(body, "TagKeys", () -> strings(new String[] {"k1", "k2", "aws:x"}, 3));
            }
            case LIST_TAGS_FOR_RESOURCE -> member(body, "ResourceARN", this::resourceArn);
            default -> throw new IllegalStateException("no body for " + operation);
        }
        return body;
    }

    /** Most of the time the value; now and then left out, JSON null, or a value of another JSON type. */
    private void member(ObjectNode body, String name, Supplier<JsonNode> value) {
        int how = data.consumeInt(0, 31);
        if (how == 0) {
            return;
        }
        if (how == 1) {
            body.putNull(name);
            return;
        }
        if (how == 2) {
            body.set(name, otherType());
            return;
        }
        body.set(name, value.get());
    }

    private JsonNode otherType() {
        switch (data.consumeInt(0, 5)) {
            case 0:
                return NODES.numberNode(data.consumeLong());
            case 1:
                return NODES.numberNode(data.consumeDouble());
            case 2:
                return NODES.booleanNode(data.consumeBoolean());
            case 3:
                return NODES.arrayNode().add(shortText());
            case 4:
                return NODES.objectNode().put("a", shortText());
            default:
                return shortText();
        }
    }

    private boolean rarely() {
        return data.consumeInt(0, 7) == 0;
    }

    /** A value of the pool, or now and then any text. */
    JsonNode text(String[] pool) {
        return NODES.textNode(string(pool));
    }

    String string(String[] pool) {
        int index = data.consumeInt(0, pool.length);
        return index < pool.length ? pool[index] : data.consumeString(40);
    }

    private JsonNode shortText() {
        return NODES.textNode(data.consumeString(data.consumeInt(0, 3) == 0 ? 600 : 20));
    }

    private void page(ObjectNode body) {
        if (data.consumeBoolean()) {
            member(body, "Limit", () -> NODES.numberNode(data.consumeInt(-2, 102)));
        }
        if (data.consumeInt(0, 3) == 0) {
            member(body, "NextToken", () -> tokens.isEmpty() || data.consumeBoolean()
                    ? NODES.textNode(data.consumeString(60)) : NODES.textNode(data.pickValue(tokens)));
        }
    }

    private JsonNode tags() {
        ArrayNode tags = NODES.arrayNode();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            if (data.consumeInt(0, 15) == 0) {
                tags.addNull();
                continue;
            }
            ObjectNode tag = tags.addObject();
            member(tag, "Key", () -> text(new String[] {"k1", "k2", "aws:x"}));
            member(tag, "Value", () -> text(new String[] {"v", ""}));
        }
        return tags;
    }

    private JsonNode resourceArn() {
        return text(new String[] {ARN_PREFIX + "event-bus/bus", ARN_PREFIX + "rule/r1", ARN_PREFIX + "rule/bus/r1",
            ARN_PREFIX + "event-bus/nowhere", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q1"});
    }

    private JsonNode strings(String[] pool, int max) {
        ArrayNode list = NODES.arrayNode();
        int count = data.consumeInt(0, max);
        for (int i = 0; i < count; i++) {
            if (data.consumeInt(0, 15) == 0) {
                list.addNull();
            } else {
                list.add(string(pool));
            }
        }
        return list;
    }

    private JsonNode ids() {
        ArrayNode list = NODES.arrayNode();
        int count = data.consumeInt(0, 7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (!distinctIds && data.consumeInt(0, 15) == 0) {
                list.addNull();
                continue;
            }
            String id = string(TARGET_IDS);
            if (!distinctIds || seen.add(id)) {
                list.add(id);
            }
        }
        return list;
    }

    private JsonNode targets() {
        ArrayNode list = NODES.arrayNode();
        int count = data.consumeInt(0, 7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (!distinctIds && data.consumeInt(0, 15) == 0) {
                list.addNull();
                continue;
            }
            ObjectNode target = NODES.objectNode();
            String id = string(TARGET_IDS);
            if (distinctIds) {
                if (!seen.add(id)) {
                    continue;
                }
                target.put("Id", id);
            } else {
                member(target, "Id", () -> NODES.textNode(id));
            }
            member(target, "Arn", () -> text(TARGET_ARNS));
            switch (data.consumeInt(0, 5)) {
                case 0 -> member(target, "Input", () -> text(INPUTS));
                case 1 -> member(target, "InputPath", () -> text(INPUT_PATHS));
                case 2 -> member(target, "InputTransformer", this::inputTransformer);
                case 3 -> {
                    // More than one of them: refused.
                    member(target, "Input", () -> text(INPUTS));
                    member(target, "InputPath", () -> text(INPUT_PATHS));
                }
                default -> {
                }
            }
            if (rarely()) {
                ObjectNode retry = NODES.objectNode();
                member(retry, "MaximumRetryAttempts", () -> NODES.numberNode(data.consumeInt(-1, 186)));
                member(retry, "MaximumEventAgeInSeconds", () -> NODES.numberNode(data.consumeInt(59, 86_401)));
                target.set("RetryPolicy", retry);
            }
            if (rarely()) {
                ObjectNode deadLetter = NODES.objectNode();
                member(deadLetter, "Arn", () -> text(TARGET_ARNS));
                target.set("DeadLetterConfig", deadLetter);
            }
            if (rarely()) {
                ObjectNode sqs = NODES.objectNode();
                member(sqs, "MessageGroupId", this::shortText);
                target.set("SqsParameters", sqs);
            }
            if (rarely()) {
                member(target, "RoleArn", () -> text(TARGET_ARNS));
            }
            if (data.consumeInt(0, 31) == 0) {
                member(target, "KinesisParameters", () -> NODES.objectNode().put("PartitionKeyPath", "$.id"));
            }
            list.add(target);
        }
        return list;
    }

    private JsonNode inputTransformer() {
        ObjectNode transformer = NODES.objectNode();
        if (data.consumeBoolean()) {
            ObjectNode paths = NODES.objectNode();
            int count = data.consumeInt(0, 3);
            for (int i = 0; i < count; i++) {
                String name = string(TEMPLATE_NAMES);
                if (data.consumeInt(0, 15) == 0) {
                    paths.set(name, otherType());
                } else {
                    paths.put(name, string(INPUT_PATHS));
                }
            }
            member(transformer, "InputPathsMap", () -> paths);
        }
        member(transformer, "InputTemplate", () -> text(TEMPLATES));
        return transformer;
    }

    private JsonNode entries() {
        ArrayNode list = NODES.arrayNode();
        int count = data.consumeInt(0, 11);
        for (int i = 0; i < count; i++) {
            if (data.consumeInt(0, 15) == 0) {
                list.addNull();
                continue;
            }
            ObjectNode entry = list.addObject();
            member(entry, "Source", () -> text(SOURCES));
            member(entry, "DetailType", () -> text(DETAIL_TYPES));
            member(entry, "Detail", () -> text(DETAILS));
            member(entry, "EventBusName", () -> text(BUSES));
            if (data.consumeBoolean()) {
                member(entry, "Time", () -> data.consumeBoolean() ? NODES.numberNode(data.consumeLong())
                        : NODES.numberNode(data.consumeDouble()));
            }
            if (data.consumeBoolean()) {
                member(entry, "Resources", () -> strings(TARGET_ARNS, 3));
            }
            if (rarely()) {
                member(entry, "TraceHeader", this::shortText);
            }
        }
        return list;
    }
}
