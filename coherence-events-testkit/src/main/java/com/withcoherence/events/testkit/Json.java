package com.withcoherence.events.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.List;

/** The testkit's one JSON mapper: EventBridge's nesting limit, one document per text, compact output. */
final class Json {

    /** EventBridge accepts at most 1,000 levels of nesting in an event (API model). */
    static final int MAX_NESTING_DEPTH = 1000;

    static final JsonMapper MAPPER = JsonMapper.builder(factory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Reads events' content: numbers as written (a float as an exact {@code BigDecimal}, its trailing zeros kept), so
     * that a delivered event carries the value that was put, and matching sees the value event-ruler reads from the
     * text ({@code 0.10000000000000000000000001} is not {@code 0.1}; {@code 1e400} stays a number). Only for event
     * content: request members such as timestamps are read by {@link #MAPPER}, never through {@code BigDecimal}.
     */
    static final JsonMapper EXACT = exact(MAX_NESTING_DEPTH).build();

    /**
     * {@link #DETAIL} refusing a member name repeated in an object, which {@link #DETAIL} accepts (the last value
     * wins). Jackson checks for repeated names as it builds the tree whatever the setting, so this costs nothing;
     * the bus uses it to know that an event's detail text can be delivered as it is ({@link #writeEnvelope}).
     */
    static final JsonMapper EXACT_UNIQUE = exact(MAX_NESTING_DEPTH - 1)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /**
     * {@link #EXACT} for an event's detail, which sits one level inside the event: at most 999 levels, so that the
     * envelope the bus writes around it stays within EventBridge's 1,000 (a detail of 1,000 levels was read, and
     * writing its event then failed).
     */
    static final JsonMapper DETAIL = exact(MAX_NESTING_DEPTH - 1).build();

    private Json() {
    }

    /** A factory with EventBridge's nesting limit; each mapper owns its own (a factory holds its mapper). */
    private static JsonFactory factory() {
        return factory(MAX_NESTING_DEPTH);
    }

    private static JsonFactory factory(int maxNestingDepth) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build();
    }

    /** {@link #EXACT}'s settings, on a factory allowing {@code maxNestingDepth} levels. */
    private static JsonMapper.Builder exact(int maxNestingDepth) {
        return JsonMapper.builder(factory(maxNestingDepth))
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** Parses exactly one JSON value of event content with {@link #EXACT}, or returns {@code null}. */
    static JsonNode parseExactOrNull(String text) {
        return parseOrNull(EXACT, text);
    }

    /**
     * Parses exactly one JSON value of event content with {@link #EXACT_UNIQUE}, or returns {@code null} if
     * {@code text} is not one or repeats a member name in an object.
     */
    static JsonNode parseExactUniqueOrNull(String text) {
        return parseOrNull(EXACT_UNIQUE, text);
    }

    /** Parses an event's detail with {@link #DETAIL} (the last of repeated names wins), or returns {@code null}. */
    static JsonNode parseDetailOrNull(String text) {
        return parseOrNull(DETAIL, text);
    }

    /** Parses exactly one JSON value, or returns {@code null} if {@code text} is not one. */
    static JsonNode parseOrNull(String text) {
        return parseOrNull(MAPPER, text);
    }

    private static JsonNode parseOrNull(JsonMapper mapper, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes the envelope the bus completes for a PutEvents entry, exactly as {@link #write} writes the tree of it
     * ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account}, {@code time},
     * {@code region}, {@code resources}, {@code detail}), or returns {@code null} when {@code detailText}, the text
     * the detail was read from by {@link #parseExactUniqueOrNull} (so without repeated names), is not what
     * {@link #write} makes of it ({@link #isCompact}): then the caller writes the tree. Copying the detail instead
     * of writing it again, and the member names as constants, halves the cost of the delivered JSON. {@code id} and {@code time} are the bus's own (a UUID, an ISO-8601
     * instant) and need no escaping.
     */
    static String writeEnvelope(String id, String detailType, String source, String account, String time,
            String region, List<String> resources, String detailText) {
        if (!isCompact(detailText)) {
            return null;
        }
        StringBuilder out = new StringBuilder(detailText.length() + 256)
                .append("{\"version\":\"0\",\"id\":\"").append(id).append("\",\"detail-type\":");
        appendString(out, detailType).append(",\"source\":");
        appendString(out, source).append(",\"account\":");
        appendString(out, account).append(",\"time\":\"").append(time).append("\",\"region\":");
        appendString(out, region).append(",\"resources\":[");
        for (int i = 0; i < resources.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, resources.get(i));
        }
        return out.append("],\"detail\":").append(detailText).append('}').toString();
    }

    /**
     * Appends {@code text} as a JSON string, escaped as {@link #write} escapes it (by Jackson's own encoder). A string
     * that needs no escape is appended as it is: the encoder's own pass over it made the bus about 8% slower.
     */
    static StringBuilder appendString(StringBuilder out, String text) {
        out.append('"');
        boolean plain = true;
        for (int i = 0, n = text.length(); i < n && plain; i++) {
            char c = text.charAt(i);
            plain = c >= ' ' && c != '"' && c != '\\';
        }
        if (plain) {
            out.append(text);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(text, out);
        }
        return out.append('"');
    }

    /**
     * Whether {@code text}, a JSON value without repeated member names, is exactly what {@link #write} makes of the
     * tree read from it: no white space between tokens, no escape sequence, and no number whose text Jackson writes
     * differently (a float or a negative number: {@code -0}, {@code 1e5}, {@code 0.0000001}). Conservative: a
     * {@code false} only costs a write.
     */
    static boolean isCompact(String text) {
        if (text.indexOf('\\') >= 0) {
            return false;
        }
        // Without escapes a quote always opens or closes a string.
        boolean inString = false;
        char previous = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (!inString && (c <= ' ' || c == '-' || c == '.' || isExponent(c, previous))) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Whether {@code c}, after {@code previous}, starts a number's exponent ({@code 1e5}), not a literal's e. */
    private static boolean isExponent(char c, char previous) {
        return (c == 'e' || c == 'E') && previous >= '0' && previous <= '9';
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a JSON tree to a string failed", e);
        }
    }
}
