package com.withcoherence.events.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one JSON object of an AWS JSON 1.1 request, read with the types the API model gives them. A member
 * that is absent or JSON {@code null} reads as {@code null} (the service's validation then names it if it is
 * required); a member of the wrong type is a {@code SerializationException} naming the member by JSON pointer, as the
 * service refuses to deserialize it. Unknown members are ignored, as the service ignores them.
 */
final class JsonMembers {

    private final ObjectNode node;
    private final String pointer;

    private JsonMembers(ObjectNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /** Parses a request body; an empty body is taken as {@code {}}. */
    static JsonMembers parse(byte[] body) {
        if (body.length == 0) {
            return new JsonMembers(Json.MAPPER.createObjectNode(), "");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw WireError.serialization("The request body is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + ". Send one JSON object in UTF-8, as the AWS SDKs and CLI do.");
        } catch (IOException | RuntimeException e) {
            throw WireError.serialization("The request body could not be read as JSON (" + e.getClass().getSimpleName()
                    + "). Send one JSON object in UTF-8, as the AWS SDKs and CLI do.");
        }
        if (root == null || root.isMissingNode()) {
            return new JsonMembers(Json.MAPPER.createObjectNode(), "");
        }
        if (!root.isObject()) {
            throw WireError.serialization("The request body must be a JSON object but is " + describe(root)
                    + "; send the operation's members in one object, such as {\"Name\": \"my-rule\"}.");
        }
        return new JsonMembers((ObjectNode) root, "");
    }

    private JsonNode member(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String at(String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static WireError wrongType(String where, String expected, JsonNode value, String hint) {
        return WireError.serialization("Expected " + expected + " at " + where + " but found " + describe(value)
                + "; " + hint);
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }

    boolean has(String name) {
        return member(name) != null;
    }

    String string(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            String hint = value.isContainerNode() && (name.equals("EventPattern") || name.equals("Detail")
                    || name.equals("Event") || name.equals("Input"))
                    ? name + " is JSON text in a JSON string: serialize it first (\"{\\\"source\\\": …}\")."
                    : "send " + name + " as a JSON string.";
            throw wrongType(at(name), "a string", value, hint);
        }
        return value.textValue();
    }

    Integer integer(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(at(name), "an integer from -2147483648 to 2147483647", value,
                    "send " + name + " as a JSON number without a fraction.");
        }
        return value.intValue();
    }

    Boolean bool(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(at(name), "a boolean", value, "send " + name + " as true or false.");
        }
        return value.booleanValue();
    }

    /** A timestamp as the JSON protocol sends one: seconds since the epoch, with an optional fraction. */
    Instant timestamp(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        String hint = "send " + name + " as seconds since 1970-01-01T00:00:00Z, such as 1684504576.";
        if (!value.isNumber()) {
            throw wrongType(at(name), "a number", value, hint);
        }
        try {
            if (value.isIntegralNumber()) {
                if (!value.canConvertToLong()) {
                    throw wrongType(at(name), "a time within the years -1000000000 to 1000000000", value, hint);
                }
                return Instant.ofEpochSecond(value.longValue());
            }
            // Doubles only (the mapper reads fractions as double): no arbitrary-precision arithmetic on input.
            double seconds = value.doubleValue();
            if (!Double.isFinite(seconds) || Math.abs(seconds) > 3.0e16) {
                throw wrongType(at(name), "a time within the years -1000000000 to 1000000000", value, hint);
            }
            double whole = Math.floor(seconds);
            return Instant.ofEpochSecond((long) whole, Math.round((seconds - whole) * 1_000_000_000L));
        } catch (DateTimeException | ArithmeticException e) {
            throw wrongType(at(name), "a time within the years -1000000000 to 1000000000", value, hint);
        }
    }

    JsonMembers object(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(at(name), "an object", value, "send " + name + " as a JSON object.");
        }
        return new JsonMembers((ObjectNode) value, at(name));
    }

    /** A list of structures; a JSON {@code null} element reads as {@code null} for the service to name. */
    List<JsonMembers> objects(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(at(name), "an array", value, "send " + name + " as a JSON array of objects.");
        }
        List<JsonMembers> list = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isNull()) {
                list.add(null);
            } else if (element.isObject()) {
                list.add(new JsonMembers((ObjectNode) element, at(name) + "/" + i));
            } else {
                throw wrongType(at(name) + "/" + i, "an object", element,
                        "each element of " + name + " is a JSON object.");
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** A list of strings; a JSON {@code null} element reads as {@code null} for the service to name. */
    List<String> strings(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(at(name), "an array", value, "send " + name + " as a JSON array of strings.");
        }
        List<String> list = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isNull()) {
                list.add(null);
            } else if (element.isTextual()) {
                list.add(element.textValue());
            } else {
                throw wrongType(at(name) + "/" + i, "a string", element,
                        "each element of " + name + " is a JSON string.");
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** A map of strings to strings, in the order sent. */
    Map<String, String> stringMap(String name) {
        JsonMembers object = object(name);
        if (object == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw wrongType(object.at(entry.getKey()), "a string", value,
                        "each value of " + name + " is a JSON string.");
            }
            map.put(entry.getKey(), value.textValue());
        }
        return map;
    }

    /** The JSON pointer of this object in the request, such as {@code /Targets/0}; empty for the body itself. */
    String pointer() {
        return pointer;
    }
}
