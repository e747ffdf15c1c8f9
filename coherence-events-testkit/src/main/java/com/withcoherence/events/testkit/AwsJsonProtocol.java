package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * EventBridge's operations in AWS JSON 1.1: reads each operation's request members (PascalCase, as the API model names
 * them), calls the {@link InMemoryEventBridge}, and writes the answer members. The bus does the validating, with the
 * service's messages; this class adds what only the wire has: required members of nested structures named by their
 * request path ({@code targets.1.member.id}), and members the bus does not model refused rather than dropped.
 */
final class AwsJsonProtocol {

    /** The answer to one call: its body, and the {@code FailedEntryCount} of the operations that report one. */
    record Answer(ObjectNode body, int failedEntryCount) {
        static Answer of(ObjectNode body) {
            return new Answer(body, 0);
        }
    }

    /** Target parameters for AWS services the bus does not deliver to; refused so nothing is silently dropped. */
    private static final List<String> UNMODELLED_TARGET_MEMBERS = List.of("KinesisParameters",
            "RunCommandParameters", "EcsParameters", "BatchParameters", "HttpParameters", "RedshiftDataParameters",
            "SageMakerPipelineParameters", "AppSyncParameters");

    private static final List<String> UNMODELLED_BUS_MEMBERS = List.of("KmsKeyIdentifier", "DeadLetterConfig",
            "LogConfig");

    private final InMemoryEventBridge bridge;
    private final EndpointFaults faults;

    AwsJsonProtocol(InMemoryEventBridge bridge, EndpointFaults faults) {
        this.bridge = bridge;
        this.faults = faults;
    }

    Answer call(EventBridgeOperation operation, JsonMembers in) {
        switch (operation) {
            case CREATE_EVENT_BUS:
                return createEventBus(in);
            case DESCRIBE_EVENT_BUS:
                return Answer.of(bus(bridge.describeEventBus(in.string("Name"))));
            case LIST_EVENT_BUSES:
                return listEventBuses(in);
            case DELETE_EVENT_BUS:
                bridge.deleteEventBus(in.string("Name"));
                return empty();
            case PUT_RULE:
                return putRule(in);
            case DESCRIBE_RULE:
                return describeRule(in);
            case LIST_RULES:
                return listRules(in);
            case ENABLE_RULE:
                bridge.enableRule(in.string("EventBusName"), in.string("Name"));
                return empty();
            case DISABLE_RULE:
                bridge.disableRule(in.string("EventBusName"), in.string("Name"));
                return empty();
            case DELETE_RULE:
                bridge.deleteRule(in.string("EventBusName"), in.string("Name"), Boolean.TRUE.equals(in.bool("Force")));
                return empty();
            case PUT_TARGETS:
                return putTargets(in);
            case LIST_TARGETS_BY_RULE:
                return listTargetsByRule(in);
            case REMOVE_TARGETS:
                return removeTargets(in);
            case LIST_RULE_NAMES_BY_TARGET:
                return listRuleNamesByTarget(in);
            case PUT_EVENTS:
                return putEvents(in);
            case TEST_EVENT_PATTERN:
                return testEventPattern(in);
            case TAG_RESOURCE:
                bridge.tagResource(in.string("ResourceARN"), tags(in, "Tags", "tags"));
                return empty();
            case UNTAG_RESOURCE:
                bridge.untagResource(in.string("ResourceARN"), in.strings("TagKeys"));
                return empty();
            case LIST_TAGS_FOR_RESOURCE:
                return listTagsForResource(in);
            default:
                throw new IllegalStateException("no mapping for " + operation);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Buses

    private Answer createEventBus(JsonMembers in) {
        String name = in.string("Name");
        String description = in.string("Description");
        Map<String, String> tags = tags(in, "Tags", "tags");
        refuseUnmodelled(in, UNMODELLED_BUS_MEMBERS, "", "an event bus");
        String source = in.string("EventSourceName");
        if (source != null) {
            // A partner bus needs a partner event source; the bus has none, as an account without partners has none.
            throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_NOT_FOUND,
                    "Event source " + ConstraintViolations.quote(source) + " does not exist.");
        }
        String arn = bridge.createEventBus(name, description, tags);
        ObjectNode out = object();
        out.put("EventBusArn", arn);
        if (description != null) {
            out.put("Description", description);
        }
        return Answer.of(out);
    }

    private Answer listEventBuses(JsonMembers in) {
        return page(bridge.listEventBuses(in.string("NamePrefix"), in.string("NextToken"), in.integer("Limit")),
                "EventBuses", AwsJsonProtocol::bus);
    }

    private static ObjectNode bus(EventBus bus) {
        ObjectNode out = object();
        out.put("Name", bus.name());
        out.put("Arn", bus.arn());
        bus.description().ifPresent(description -> out.put("Description", description));
        out.put("CreationTime", epochSeconds(bus.creationTime()));
        out.put("LastModifiedTime", epochSeconds(bus.lastModifiedTime()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rules

    private Answer putRule(JsonMembers in) {
        RuleDefinition.Builder rule = RuleDefinition.builder(in.string("Name"))
                .eventBusName(in.string("EventBusName"))
                .eventPattern(in.string("EventPattern"))
                .scheduleExpression(in.string("ScheduleExpression"))
                .state(state(in.string("State")))
                .description(in.string("Description"))
                .roleArn(in.string("RoleArn"));
        Map<String, String> tags = tags(in, "Tags", "tags");
        if (tags != null) {
            tags.forEach(rule::tag);
        }
        ObjectNode out = object();
        out.put("RuleArn", bridge.putRule(rule.build()));
        return Answer.of(out);
    }

    private static RuleState state(String state) {
        if (state == null) {
            return null;
        }
        for (RuleState value : RuleState.values()) {
            if (value.name().equals(state)) {
                return value;
            }
        }
        throw EventBridgeServiceException.validation("1 validation error detected: Value '"
                + ConstraintViolations.quote(state) + "' at 'state' failed to satisfy constraint: Member must "
                + "satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
    }

    private Answer describeRule(JsonMembers in) {
        ObjectNode out = rule(bridge.describeRule(in.string("EventBusName"), in.string("Name")));
        out.put("CreatedBy", bridge.account());
        return Answer.of(out);
    }

    private Answer listRules(JsonMembers in) {
        return page(bridge.listRules(in.string("EventBusName"), in.string("NamePrefix"), in.string("NextToken"),
                in.integer("Limit")), "Rules", AwsJsonProtocol::rule);
    }

    private static ObjectNode rule(Rule rule) {
        ObjectNode out = object();
        out.put("Name", rule.name());
        out.put("Arn", rule.arn());
        rule.eventPattern().ifPresent(pattern -> out.put("EventPattern", pattern));
        rule.scheduleExpression().ifPresent(schedule -> out.put("ScheduleExpression", schedule));
        out.put("State", rule.state().name());
        rule.description().ifPresent(description -> out.put("Description", description));
        rule.roleArn().ifPresent(role -> out.put("RoleArn", role));
        out.put("EventBusName", rule.eventBusName());
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Targets

    private Answer putTargets(JsonMembers in) {
        String rule = in.string("Rule");
        String busName = in.string("EventBusName");
        List<JsonMembers> members = in.objects("Targets");
        List<Target> targets = members == null ? null : targets(members);
        List<FailedEntry> failed = bridge.putTargets(busName, rule, targets, faults.putTargetsFailures(targets));
        return failedEntries(failed);
    }

    private static List<Target> targets(List<JsonMembers> members) {
        ConstraintViolations violations = new ConstraintViolations();
        List<Target> targets = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            JsonMembers in = members.get(i);
            if (in == null) {
                targets.add(null);
                continue;
            }
            String path = "targets." + (i + 1) + ".member";
            refuseUnmodelled(in, UNMODELLED_TARGET_MEMBERS, path, "a target");
            String id = in.string("Id");
            String arn = in.string("Arn");
            violations.required(id, path + ".id").required(arn, path + ".arn");
            Target.Builder target = Target.builder(id, arn)
                    .roleArn(in.string("RoleArn"))
                    .input(in.string("Input"))
                    .inputPath(in.string("InputPath"));
            JsonMembers transformer = in.object("InputTransformer");
            if (transformer != null) {
                String template = transformer.string("InputTemplate");
                Map<String, String> paths = transformer.stringMap("InputPathsMap");
                violations.required(template, path + ".inputTransformer.inputTemplate");
                if (template != null) {
                    target.inputTransformer(InputTransformer.of(paths, template));
                }
            }
            JsonMembers retry = in.object("RetryPolicy");
            if (retry != null) {
                Integer attempts = retry.integer("MaximumRetryAttempts");
                Integer age = retry.integer("MaximumEventAgeInSeconds");
                // Either member may be left out; the service's default stands for the one left out.
                target.retryPolicy(RetryPolicy.of(
                        attempts == null ? RetryPolicy.DEFAULT.maximumRetryAttempts() : attempts,
                        age == null ? RetryPolicy.DEFAULT.maximumEventAgeInSeconds() : age));
            }
            JsonMembers deadLetter = in.object("DeadLetterConfig");
            if (deadLetter != null) {
                target.deadLetterArn(deadLetter.string("Arn"));
            }
            JsonMembers sqs = in.object("SqsParameters");
            if (sqs != null) {
                target.sqsMessageGroupId(sqs.string("MessageGroupId"));
            }
            targets.add(id == null || arn == null ? null : target.build());
        }
        violations.throwIfAny();
        return targets;
    }

    private Answer listTargetsByRule(JsonMembers in) {
        return page(bridge.listTargetsByRule(in.string("EventBusName"), in.string("Rule"), in.string("NextToken"),
                in.integer("Limit")), "Targets", AwsJsonProtocol::target);
    }

    private static ObjectNode target(Target target) {
        ObjectNode out = object();
        out.put("Id", target.id());
        out.put("Arn", target.arn());
        target.roleArn().ifPresent(role -> out.put("RoleArn", role));
        target.input().ifPresent(input -> out.put("Input", input));
        target.inputPath().ifPresent(path -> out.put("InputPath", path));
        target.inputTransformer().ifPresent(transformer -> {
            ObjectNode node = out.putObject("InputTransformer");
            if (!transformer.inputPathsMap().isEmpty()) {
                ObjectNode paths = node.putObject("InputPathsMap");
                transformer.inputPathsMap().forEach(paths::put);
            }
            node.put("InputTemplate", transformer.inputTemplate());
        });
        target.sqsMessageGroupId().ifPresent(group -> out.putObject("SqsParameters").put("MessageGroupId", group));
        target.deadLetterArn().ifPresent(arn -> out.putObject("DeadLetterConfig").put("Arn", arn));
        target.retryPolicy().ifPresent(policy -> {
            ObjectNode node = out.putObject("RetryPolicy");
            node.put("MaximumRetryAttempts", policy.maximumRetryAttempts());
            node.put("MaximumEventAgeInSeconds", policy.maximumEventAgeInSeconds());
        });
        return out;
    }

    private Answer removeTargets(JsonMembers in) {
        String rule = in.string("Rule");
        String busName = in.string("EventBusName");
        List<String> ids = in.strings("Ids");
        in.bool("Force");
        return failedEntries(bridge.removeTargets(busName, rule, ids, faults.removeTargetsFailures(ids)));
    }

    private static Answer failedEntries(List<FailedEntry> failed) {
        ObjectNode out = object();
        out.put("FailedEntryCount", failed.size());
        ArrayNode entries = out.putArray("FailedEntries");
        for (FailedEntry entry : failed) {
            ObjectNode node = entries.addObject();
            node.put("TargetId", entry.targetId());
            node.put("ErrorCode", entry.errorCode());
            node.put("ErrorMessage", entry.errorMessage());
        }
        return new Answer(out, failed.size());
    }

    private Answer listRuleNamesByTarget(JsonMembers in) {
        return page(bridge.listRuleNamesByTarget(in.string("EventBusName"), in.string("TargetArn"),
                in.string("NextToken"), in.integer("Limit")), "RuleNames", Json.MAPPER.getNodeFactory()::textNode);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events

    private Answer putEvents(JsonMembers in) {
        List<JsonMembers> members = in.objects("Entries");
        String endpointId = in.string("EndpointId");
        if (endpointId != null) {
            throw EventBridgeServiceException.validation("EndpointId " + ConstraintViolations.quote(endpointId)
                    + " names a global endpoint, which the testkit's endpoint does not model; put the events "
                    + "without EndpointId.");
        }
        List<PutEventsEntry> entries = null;
        if (members != null) {
            ConstraintViolations violations = new ConstraintViolations();
            entries = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                entries.add(members.get(i) == null ? null : entry(members.get(i), "entries." + (i + 1) + ".member",
                        violations));
            }
            violations.throwIfAny();
        }
        PutEventsResult result = bridge.putEvents(entries, faults.putEventsFailures(entries));
        ObjectNode out = object();
        out.put("FailedEntryCount", result.failedEntryCount());
        ArrayNode results = out.putArray("Entries");
        for (PutEventsResult.Entry entry : result.entries()) {
            ObjectNode node = results.addObject();
            entry.eventId().ifPresent(id -> node.put("EventId", id));
            entry.errorCode().ifPresent(code -> node.put("ErrorCode", code));
            entry.errorMessage().ifPresent(message -> node.put("ErrorMessage", message));
        }
        return new Answer(out, result.failedEntryCount());
    }

    private static PutEventsEntry entry(JsonMembers in, String path, ConstraintViolations violations) {
        List<String> resources = in.strings("Resources");
        if (resources != null) {
            for (int r = 0; r < resources.size(); r++) {
                violations.required(resources.get(r), path + ".resources." + (r + 1) + ".member");
            }
        }
        Instant time = in.timestamp("Time");
        return new PutEventsEntry(Optional.ofNullable(time), Optional.ofNullable(in.string("Source")),
                resources == null ? null : withoutNulls(resources), Optional.ofNullable(in.string("DetailType")),
                Optional.ofNullable(in.string("Detail")), in.string("EventBusName"),
                Optional.ofNullable(in.string("TraceHeader")));
    }

    private static List<String> withoutNulls(List<String> values) {
        List<String> kept = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null) {
                kept.add(value);
            }
        }
        return kept;
    }

    private Answer testEventPattern(JsonMembers in) {
        ObjectNode out = object();
        out.put("Result", bridge.testEventPattern(in.string("EventPattern"), in.string("Event")));
        return Answer.of(out);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tags

    private Answer listTagsForResource(JsonMembers in) {
        Map<String, String> tags = bridge.listTagsForResource(in.string("ResourceARN"));
        ObjectNode out = object();
        ArrayNode list = out.putArray("Tags");
        tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return Answer.of(out);
    }

    /** A {@code TagList} as a map in request order; {@code null} when the member is absent. */
    private static Map<String, String> tags(JsonMembers in, String member, String path) {
        List<JsonMembers> list = in.objects(member);
        if (list == null) {
            return null;
        }
        ConstraintViolations violations = new ConstraintViolations();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "." + (i + 1) + ".member";
            JsonMembers tag = list.get(i);
            violations.required(tag, at);
            if (tag == null) {
                continue;
            }
            String key = tag.string("Key");
            String value = tag.string("Value");
            violations.required(key, at + ".key").required(value, at + ".value");
            if (key != null && value != null) {
                tags.put(key, value);
            }
        }
        violations.throwIfAny();
        return tags;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void refuseUnmodelled(JsonMembers in, List<String> members, String path, String what) {
        for (String member : members) {
            if (in.has(member)) {
                String at = path.isEmpty() ? member : path + "." + member;
                throw EventBridgeServiceException.validation(at + " is a valid EventBridge member that the testkit's "
                        + "endpoint does not model for " + what + ", so it would be lost; leave it out in tests, "
                        + "or test this part against AWS.");
            }
        }
    }

    /** A List operation's answer: the page's items under {@code member}, and {@code NextToken} unless last. */
    private static <T> Answer page(Page<T> page, String member, Function<T, JsonNode> item) {
        ObjectNode out = object();
        ArrayNode items = out.putArray(member);
        page.items().forEach(value -> items.add(item.apply(value)));
        page.nextToken().ifPresent(token -> out.put("NextToken", token));
        return Answer.of(out);
    }

    private static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    private static Answer empty() {
        return Answer.of(object());
    }

    /** A timestamp as the JSON protocol answers it: seconds since the epoch, to the millisecond. */
    static BigDecimal epochSeconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3);
    }
}
