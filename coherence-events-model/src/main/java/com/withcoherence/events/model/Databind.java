package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;

/**
 * Everything in the model that needs jackson-databind at run time, kept apart so that nothing else loads it: only the
 * {@code JsonNode} entry points and the Jackson module do. Maps are written with jackson-core by {@link LambdaMaps}.
 */
final class Databind {

    /**
     * Used only to turn trees into bytes. Default typing stays off (no polymorphic type ids are ever read),
     * and the factory carries the same read limits as the event parser.
     */
    private static final JsonMapper MAPPER =
            JsonMapper.builder(EventReader.factory(DeliveryReader.MAX_DELIVERY_LENGTH, DeliveryReader.MAX_BODY_LENGTH))
                    .build();

    private Databind() {
    }

    static CoherenceEvent parse(JsonNode event) {
        Checks.argument(event, "event");
        checkLimits(event, "", 0);
        try (JsonParser p = event.traverse()) {
            return EventReader.readDocument(p, "");
        } catch (IOException e) {
            throw new CoherenceEventException("", "the tree could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the limits a parser applies to text (nesting depth, string length) to a tree, which was built without
     * them, so that every entry point accepts and rejects the same events.
     */
    static void checkLimits(JsonNode node, String pointer, int depth) {
        if (node.isContainerNode()) {
            if (depth >= EventReader.MAX_NESTING_DEPTH) {
                throw new CoherenceEventException(pointer, "the JSON nests deeper than "
                        + EventReader.MAX_NESTING_DEPTH + " levels, the most EventBridge accepts.");
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkLimits(node.get(i), pointer + "/" + i, depth + 1);
                }
            } else {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    checkLimits(field.getValue(), pointer + "/" + EventReader.escape(field.getKey()), depth + 1);
                }
            }
        } else if (node.isTextual() && node.textValue().length() > EventReader.MAX_STRING_LENGTH) {
            throw new CoherenceEventException(pointer, "the string has " + node.textValue().length()
                    + " characters, more than the " + EventReader.MAX_STRING_LENGTH + " a whole EventBridge event "
                    + "may hold.");
        }
    }

    /** Writes a tree as JSON bytes, for the readers of text; rejects nesting deeper than a reader allows first. */
    static byte[] toBytes(JsonNode value) {
        checkNesting(value, "", 0);
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new CoherenceEventException("", "the value could not be written as JSON (" + e.getMessage()
                    + "); pass maps, lists, strings, numbers, booleans and nulls only.", e);
        }
    }

    /**
     * Rejects a tree nested deeper than {@link EventReader#MAX_NESTING_DEPTH} levels before Jackson writes it:
     * writing recurses once per level and has no limit of its own, so such a tree would end in a
     * {@code StackOverflowError} instead of an error that says what is wrong. Strings are not limited here: a
     * delivery's body may be longer than any string of an event.
     */
    static void checkNesting(JsonNode node, String pointer, int depth) {
        if (!node.isContainerNode()) {
            return;
        }
        if (depth >= EventReader.MAX_NESTING_DEPTH) {
            throw new CoherenceEventException(pointer, "the value nests deeper than " + EventReader.MAX_NESTING_DEPTH
                    + " levels, the most EventBridge accepts, or holds itself; pass the Map<String, Object> the Lambda "
                    + "runtime built from the event JSON.");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNesting(node.get(i), pointer + "/" + i, depth + 1);
            }
        } else {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                checkNesting(field.getValue(), pointer + "/" + EventReader.escape(field.getKey()), depth + 1);
            }
        }
    }

    static Module module() {
        return new CoherenceJacksonModule();
    }
}
