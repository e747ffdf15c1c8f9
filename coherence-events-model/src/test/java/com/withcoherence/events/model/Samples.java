package com.withcoherence.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The two events of Coherence's documentation, verbatim, and tree helpers for tests. */
final class Samples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String NEW_ENVIRONMENTS = read("/samples/new-environments.json");
    static final String VALID_ENVIRONMENTS = read("/samples/valid-environments.json");

    private Samples() {
    }

    static String read(String resource) {
        try (InputStream in = Samples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode newEnvironmentsTree() {
        return (ObjectNode) tree(NEW_ENVIRONMENTS);
    }

    static ObjectNode validEnvironmentsTree() {
        return (ObjectNode) tree(VALID_ENVIRONMENTS);
    }

    static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
