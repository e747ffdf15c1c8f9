package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.TreeNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the {@code Map<String, Object>} a Lambda {@code RequestHandler} receives (maps, lists, strings, numbers,
 * booleans and nulls) back as JSON text with jackson-core, so that {@code parse(Map)} reads it like any other input
 * and never initialises jackson-databind: the Lambda runtime has already paid for its own JSON reader, and a handler
 * should not pay for a second one on its cold start.
 */
final class LambdaMaps {

    /**
     * Reads the text this class writes: the event parser's limits except the document length, which is a limit on
     * text a sender controls; a map has no length, as a tree has none.
     */
    static final JsonFactory FACTORY = EventReader.factory(-1, EventReader.MAX_STRING_LENGTH);

    private LambdaMaps() {
    }

    /** Returns {@code value} as UTF-8 JSON text, or throws naming the pointer of what is not JSON data. */
    static byte[] toJson(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(value, g, "", 0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(Object value, JsonGenerator g, String pointer, int depth) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw notJson(pointer, "the number " + number + " (JSON has no NaN or infinity)");
            }
            if (value instanceof Float) {
                g.writeNumber((Float) value);
            } else {
                g.writeNumber(number);
            }
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof Map) {
            checkDepth(pointer, depth);
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw notJson(pointer, "a map key that is not a string (" + typeOf(entry.getKey()) + ")");
                }
                String name = (String) entry.getKey();
                g.writeFieldName(name);
                write(entry.getValue(), g, pointer + "/" + EventReader.escape(name), depth + 1);
            }
            g.writeEndObject();
        } else if (value instanceof Collection || value instanceof Object[]) {
            checkDepth(pointer, depth);
            g.writeStartArray();
            Iterable<?> elements = value instanceof Object[] ? java.util.Arrays.asList((Object[]) value)
                    : (Collection<?>) value;
            int index = 0;
            for (Object element : elements) {
                write(element, g, pointer + "/" + index++, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof TreeNode) {
            // A Jackson tree inside the map (jackson-core's TreeNode, so databind is not needed to read it).
            try (JsonParser tree = ((TreeNode) value).traverse()) {
                tree.nextToken();
                EventReader.copy(tree, g, pointer, depth);
            }
        } else {
            throw notJson(pointer, "a " + typeOf(value));
        }
    }

    /** A map that holds itself would otherwise recurse until the stack overflows. */
    private static void checkDepth(String pointer, int depth) {
        if (depth >= EventReader.MAX_NESTING_DEPTH) {
            throw new CoherenceEventException(pointer, "the value nests deeper than " + EventReader.MAX_NESTING_DEPTH
                    + " levels, the most EventBridge accepts, or holds itself; pass the Map<String, Object> the "
                    + "Lambda runtime built from the event JSON.");
        }
    }

    private static CoherenceEventException notJson(String pointer, String what) {
        return new CoherenceEventException(pointer, "the map holds " + what + ", which is not JSON data; pass the "
                + "Map<String, Object> the Lambda runtime built from the event JSON: maps, lists, strings, numbers, "
                + "booleans and nulls.");
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
