package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * Reads a document for {@link CoherenceSchemas} into a tree exactly as strictly as {@link EventReader} reads an event:
 * the same factory (size, nesting and string limits), the same duplicate-key and depth checks
 * ({@link EventReader#copy}), nothing after the value, and the same error texts and pointers. A JSON Schema validator
 * works on a tree, and a tree can neither hold a duplicate key nor tell that the text it came from had trailing
 * content, so these checks must happen while reading.
 */
final class StrictJson {

    /** Builds trees only; default typing stays off and the factory is the parser's own. */
    private static final JsonMapper MAPPER = JsonMapper.builder(EventReader.FACTORY).build();

    private StrictJson() {
    }

    /**
     * Reads JSON text into a tree.
     *
     * @throws CoherenceEventException if the text is not exactly one JSON value within the parser's limits
     */
    static JsonNode read(String json) {
        return read(() -> EventReader.FACTORY.createParser(json));
    }

    /**
     * Reads JSON bytes (UTF-8, or UTF-16/32 as {@link CoherenceEvents#parse(byte[])} accepts them) into a tree.
     *
     * @throws CoherenceEventException if the bytes are not exactly one JSON value within the parser's limits
     */
    static JsonNode read(byte[] json) {
        return read(() -> EventReader.FACTORY.createParser(json));
    }

    /**
     * Checks a caller's tree as the parser does ({@code CoherenceEvents.parse(JsonNode)}): the parser's nesting and
     * string limits ({@link Databind#checkLimits}), and only JSON data (no POJO or binary nodes).
     *
     * @throws CoherenceEventException if the tree is empty (a missing node), over a limit, or holds something that is
     *     not JSON data
     */
    static void check(JsonNode tree) {
        Databind.checkLimits(tree, "", 0);
        if (tree.isMissingNode()) {
            throw empty();
        }
        try (JsonParser p = tree.traverse()) {
            p.nextToken();
            EventReader.copy(p, null, "", 0);
        } catch (IOException e) {
            throw new CoherenceEventException("", "the tree could not be read: " + e.getMessage(), e);
        }
    }

    /** Creates the parser of an in-memory input. */
    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    private static JsonNode read(ParserSource source) {
        try (JsonParser p = source.open()) {
            return read(p);
        } catch (JsonProcessingException e) {
            // The factory refused the input before reading it (over the size limit).
            throw EventReader.translate(e, null, "");
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static JsonNode read(JsonParser p) throws IOException {
        try {
            if (p.nextToken() == null) {
                throw empty();
            }
            TokenBuffer buffer = new TokenBuffer(p);
            EventReader.copy(p, buffer, "", 0);
            if (p.nextToken() != null) {
                throw new CoherenceEventException("", "the JSON value is followed by more content ("
                        + EventReader.describe(p) + "); pass exactly one event per call.");
            }
            try (JsonParser tokens = buffer.asParser()) {
                return MAPPER.readTree(tokens);
            }
        } catch (JsonProcessingException e) {
            throw EventReader.translate(e, p, "");
        }
    }

    private static CoherenceEventException empty() {
        return new CoherenceEventException("", "the input is empty; pass the JSON of one EventBridge event.");
    }

    private static CoherenceEventException unreadable(IOException e) {
        // In-memory input performs no I/O: what is left is an encoding the JSON reader could not decode.
        return new CoherenceEventException("", "the input is not valid JSON text (" + e.getMessage()
                + "); send the event as UTF-8.", e);
    }
}
