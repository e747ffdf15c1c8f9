package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What EventBridge does to an event before a target receives it: {@code Input}, {@code InputPath} or
 * {@code InputTransformer}, checked when the target is put and applied at delivery.
 *
 * <p>The behaviour follows AWS's documentation and AWS-recorded deliveries: a template whose first character (after
 * white space) is <code>{</code> or {@code [} is JSON, and a variable outside a JSON string is inserted as JSON (a
 * string value gets quotes, a path that selects nothing gives {@code ""}); inside a string, and everywhere in any
 * other template, a variable is inserted as text (a string without quotes, an object or array with its quotes
 * removed, nothing for a path that selects nothing). Values are not escaped, as EventBridge does not escape them.
 */
final class InputProcessing {

    static final String RULE_ARN = "aws.events.rule-arn";
    static final String RULE_NAME = "aws.events.rule-name";
    static final String INGESTION_TIME = "aws.events.event.ingestion-time";
    static final String EVENT = "aws.events.event";
    static final String EVENT_JSON = "aws.events.event.json";
    static final Set<String> PREDEFINED = Set.of(RULE_ARN, RULE_NAME, INGESTION_TIME, EVENT, EVENT_JSON);

    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]+)>");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9\\_\\-]+");

    private InputProcessing() {
    }

    /**
     * Checks what PutTargets checks beyond member lengths; {@code member} is the request path of the target, such as
     * {@code targets.1.member}.
     */
    static void check(Target target, String member) {
        int transformations = (target.input().isPresent() ? 1 : 0) + (target.inputPath().isPresent() ? 1 : 0)
                + (target.inputTransformer().isPresent() ? 1 : 0);
        if (transformations > 1) {
            // AWS-recorded message.
            throw EventBridgeServiceException.validation("Only one of Input, InputPath, or InputTransformer must be "
                    + "provided for target " + target.id() + ".");
        }
        if (target.input().isPresent() && Json.parseOrNull(target.input().get()) == null) {
            throw EventBridgeServiceException.validation("Input for target " + target.id()
                    + " is not valid JSON text; Input is delivered as it is and must be one JSON value.");
        }
        if (target.inputPath().isPresent() && JsonPath.parseOrNull(target.inputPath().get()) == null) {
            throw EventBridgeServiceException.validation("InputPath for target " + target.id() + " is not a JSON "
                    + "path EventBridge evaluates: use $ with dot notation, indices and wildcards, such as $.detail.");
        }
        if (target.inputTransformer().isPresent()) {
            checkTransformer(target, target.inputTransformer().get(), member + ".inputTransformer");
        }
    }

    private static void checkTransformer(Target target, InputTransformer transformer, String member) {
        ConstraintViolations violations = new ConstraintViolations()
                .length(transformer.inputTemplate(), member + ".inputTemplate", 1, 8192);
        if (transformer.inputPathsMap().size() > 100) {
            violations.size(java.util.List.copyOf(transformer.inputPathsMap().keySet()), member + ".inputPathsMap",
                    0, 100);
        }
        for (Map.Entry<String, String> variable : transformer.inputPathsMap().entrySet()) {
            violations.length(variable.getKey(), member + ".inputPathsMap.key", 1, 256)
                    .matches(variable.getKey(), member + ".inputPathsMap.key", VARIABLE_NAME, "[A-Za-z0-9\\_\\-]+")
                    .length(variable.getValue(), member + ".inputPathsMap." + variable.getKey(), 0, 256);
        }
        violations.throwIfAny();
        for (Map.Entry<String, String> variable : transformer.inputPathsMap().entrySet()) {
            if (JsonPath.parseOrNull(variable.getValue()) == null) {
                throw EventBridgeServiceException.validation("InputPathsMap for target " + target.id()
                        + " maps " + variable.getKey() + " to '" + variable.getValue() + "', which is not a JSON path "
                        + "EventBridge evaluates: use $ with dot notation, indices and wildcards, such as $.detail.");
            }
        }
        Matcher placeholders = PLACEHOLDER.matcher(transformer.inputTemplate());
        while (placeholders.find()) {
            String name = placeholders.group(1);
            if (!transformer.inputPathsMap().containsKey(name) && !PREDEFINED.contains(name)) {
                // AWS-recorded message.
                // The name is a part of the template, which may be a payload of 8,192 characters: quoted in part.
                throw EventBridgeServiceException.validation("InputTemplate for target " + target.id()
                        + " contains invalid placeholder " + ConstraintViolations.quote(name) + ".");
            }
        }
    }

    /** Returns what the target receives for {@code event}. */
    static String apply(Target target, ObjectNode event, String eventJson, String ruleName, String ruleArn,
            Instant ingestionTime) {
        if (target.input().isPresent()) {
            return target.input().get();
        }
        if (target.inputPath().isPresent()) {
            JsonNode selected = JsonPath.parseOrNull(target.inputPath().get()).select(event);
            // What AWS delivers for a path that selects nothing is not recorded; an empty payload shows it plainly.
            return selected == null ? "" : Json.write(selected);
        }
        if (target.inputTransformer().isPresent()) {
            return transform(target.inputTransformer().get(), event, ruleName, ruleArn, ingestionTime);
        }
        return eventJson;
    }

    private static String transform(InputTransformer transformer, ObjectNode event, String ruleName, String ruleArn,
            Instant ingestionTime) {
        Map<String, JsonNode> values = new HashMap<>();
        for (Map.Entry<String, String> variable : transformer.inputPathsMap().entrySet()) {
            JsonNode value = JsonPath.parseOrNull(variable.getValue()).select(event);
            if (value != null) {
                values.put(variable.getKey(), value);
            }
        }
        String ingestion = ingestionTime.truncatedTo(ChronoUnit.MILLIS).toString();
        values.put(RULE_ARN, Json.MAPPER.getNodeFactory().textNode(ruleArn));
        values.put(RULE_NAME, Json.MAPPER.getNodeFactory().textNode(ruleName));
        values.put(INGESTION_TIME, Json.MAPPER.getNodeFactory().textNode(ingestion));
        values.put(EVENT, eventWithoutDetail(event, ingestion));
        values.put(EVENT_JSON, event);

        String template = transformer.inputTemplate();
        String trimmed = template.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        StringBuilder out = new StringBuilder(template.length() + 64);
        boolean inString = !json;
        boolean escaped = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '<') {
                int close = template.indexOf('>', i + 1);
                String name = close < 0 ? null : template.substring(i + 1, close);
                if (name != null && isVariable(name, transformer)) {
                    insert(out, values.get(name), inString);
                    i = close + 1;
                    escaped = false;
                    continue;
                }
            }
            if (json) {
                if (inString && c == '\\' && !escaped) {
                    escaped = true;
                } else {
                    if (c == '"' && !escaped) {
                        inString = !inString;
                    }
                    escaped = false;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isVariable(String name, InputTransformer transformer) {
        return transformer.inputPathsMap().containsKey(name) || PREDEFINED.contains(name);
    }

    private static void insert(StringBuilder out, JsonNode value, boolean inString) {
        if (inString) {
            if (value == null) {
                return;
            }
            if (value.isTextual()) {
                out.append(value.textValue());
            } else if (value.isContainerNode()) {
                // AWS: an object or array referenced in a string loses its inner quotes so the string stays valid.
                out.append(Json.write(value).replace("\"", ""));
            } else {
                out.append(Json.write(value));
            }
        } else if (value == null) {
            out.append("\"\"");
        } else if (value.isTextual()) {
            out.append('"').append(value.textValue()).append('"');
        } else {
            out.append(Json.write(value));
        }
    }

    /**
     * {@code <aws.events.event>}: the envelope without {@code detail}, with {@code detailType} for
     * {@code detail-type} and the ingestion time, in the member order AWS-recorded deliveries show.
     */
    private static ObjectNode eventWithoutDetail(ObjectNode event, String ingestionTime) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.set("id", event.get("id"));
        envelope.set("account", event.get("account"));
        envelope.set("detailType", event.get("detail-type"));
        envelope.put("time", ingestionTime);
        envelope.set("source", event.get("source"));
        envelope.set("region", event.get("region"));
        envelope.set("resources", event.get("resources"));
        envelope.set("version", event.get("version"));
        for (Map.Entry<String, JsonNode> member : event.properties()) {
            String name = member.getKey();
            if (!name.equals("detail") && !name.equals("detail-type") && !envelope.has(name)) {
                envelope.set(name, member.getValue());
            }
        }
        return envelope;
    }
}
