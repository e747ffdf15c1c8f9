package com.withcoherence.events.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

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
    static final JsonMapper EXACT = JsonMapper.builder(factory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** A factory with EventBridge's nesting limit; each mapper owns its own (a factory holds its mapper). */
    private static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
    }

    /** Parses exactly one JSON value of event content with {@link #EXACT}, or returns {@code null}. */
    static JsonNode parseExactOrNull(String text) {
        return parseOrNull(EXACT, text);
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

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a JSON tree to a string failed", e);
        }
    }
}
