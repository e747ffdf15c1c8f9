package com.withcoherence.events.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds model values from fuzz input, for the property tests ({@code *PropertyTest}): Jazzer's
 * {@link FuzzedDataProvider} decides every choice, so fuzzing steers the generators by coverage and a committed
 * input replays the same values in every build.
 */
final class Generators {

    /** The first and last second EventBridge's four-digit years can write: 0000-01-01 and 9999-12-31. */
    static final long MIN_EPOCH_SECOND = -62_167_219_200L;
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** Characters JSON must escape, or that are easy to get wrong: quote, backslash, controls, separators. */
    private static final int[] TRICKY = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 0x1F, 0x7F, 0x2028, 0x2029,
        0xFEFF, '~', '$', '*'};

    private Generators() {
    }

    /**
     * A non-empty string of up to {@code maxCodePoints} code points: mostly ASCII, with escapes, other BMP characters
     * and supplementary ones (emoji), always valid UTF-16, as a JSON document can carry.
     */
    static String text(FuzzedDataProvider data, int maxCodePoints) {
        int length = data.consumeInt(1, Math.max(1, maxCodePoints));
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (data.consumeInt(0, 7)) {
                case 0 -> data.pickValue(TRICKY);
                case 1 -> bmp(data.consumeInt(0x80, 0xFFFD));
                case 2 -> data.consumeInt(0x10000, Character.MAX_CODE_POINT);
                default -> data.consumeInt(0x20, 0x7E);
            };
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static int bmp(int codePoint) {
        return Character.isSurrogate((char) codePoint) ? 'é' : codePoint;
    }

    /** A time EventBridge's envelope can carry: any second of years 0000 to 9999, with any fraction. */
    static Instant time(FuzzedDataProvider data) {
        long second = data.consumeLong(MIN_EPOCH_SECOND, MAX_EPOCH_SECOND);
        int nanos = switch (data.consumeInt(0, 3)) {
            case 0 -> 0;
            case 1 -> data.consumeInt(0, 999) * 1_000_000;
            case 2 -> data.consumeInt(0, 999_999) * 1_000;
            default -> data.consumeInt(0, 999_999_999);
        };
        return Instant.ofEpochSecond(second, nanos);
    }

    static List<String> texts(FuzzedDataProvider data, int maxSize, int maxCodePoints) {
        List<String> values = new ArrayList<>();
        for (int n = data.consumeInt(0, maxSize); n > 0; n--) {
            values.add(text(data, maxCodePoints));
        }
        return values;
    }

    static Environment environment(FuzzedDataProvider data) {
        return new Environment(text(data, 20), text(data, 30), text(data, 30));
    }

    /** Any event of the three types, with lists of up to 60 elements. */
    static CoherenceEvent event(FuzzedDataProvider data) {
        String version = data.consumeBoolean() ? "0" : text(data, 4);
        String id = text(data, 40);
        String account = data.consumeBoolean() ? "1234596789" : text(data, 12);
        Instant time = time(data);
        String region = data.consumeBoolean() ? "us-east-1" : text(data, 14);
        List<String> resources = texts(data, data.consumeBoolean() ? 3 : 60, 80);
        switch (data.consumeInt(0, 2)) {
            case 0:
                return new NewEnvironmentsEvent(version, id, account, time, region, resources, environments(data));
            case 1:
                return new ValidEnvironmentsEvent(version, id, account, time, region, resources, environments(data));
            default:
                String detailType = text(data, 30);
                if (detailType.equals(CoherenceBus.NEW_ENVIRONMENTS)
                        || detailType.equals(CoherenceBus.VALID_ENVIRONMENTS)) {
                    detailType = detailType + "_v2";
                }
                return new UnknownCoherenceEvent(version, id, detailType, account, time, region, resources,
                        json(object(data, 3)));
        }
    }

    private static List<Environment> environments(FuzzedDataProvider data) {
        List<Environment> environments = new ArrayList<>();
        for (int n = data.consumeInt(0, data.consumeBoolean() ? 4 : 60); n > 0; n--) {
            environments.add(environment(data));
        }
        return environments;
    }

    /** A JSON object nesting up to {@code depth} levels, with every kind of JSON value. */
    static ObjectNode object(FuzzedDataProvider data, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int n = data.consumeInt(0, 5); n > 0; n--) {
            object.set(text(data, 12), value(data, depth - 1));
        }
        return object;
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (data.consumeInt(0, depth > 0 ? 8 : 6)) {
            case 0:
                return nodes.textNode(text(data, 20));
            case 1:
                return nodes.numberNode(data.consumeLong());
            case 2:
                return nodes.numberNode(data.consumeInt());
            case 3:
                double d = data.consumeRegularDouble();
                return nodes.numberNode(d);
            case 4:
                return nodes.booleanNode(data.consumeBoolean());
            case 5:
                return nodes.nullNode();
            case 6:
                return nodes.textNode("");
            case 7:
                ArrayNode array = nodes.arrayNode();
                for (int n = data.consumeInt(0, 4); n > 0; n--) {
                    array.add(value(data, depth - 1));
                }
                return array;
            default:
                return object(data, depth - 1);
        }
    }

    static String json(JsonNode node) {
        try {
            return Samples.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
