package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Everything in the model that needs jackson-databind, kept apart so that parsing bytes, strings and streams never
 * loads it: a fresh JVM pays for databind only when it parses a {@code Map} or {@code JsonNode}, or registers the
 * Jackson module.
 */
final class Databind {

    /**
     * Used only to turn maps into trees and bytes. Default typing stays off (no polymorphic type ids are ever read),
     * and the factory carries the same read limits as the event parser.
     */
    private static final JsonMapper MAPPER =
            JsonMapper.builder(EventReader.factory(DeliveryReader.MAX_DELIVERY_LENGTH)).build();

    private Databind() {
    }

    static CoherenceEvent parse(JsonNode event) {
        Checks.argument(event, "event");
        try (JsonParser p = event.traverse()) {
            return EventReader.readDocument(p, "");
        } catch (IOException e) {
            throw new CoherenceEventException("", "the tree could not be read: " + e.getMessage(), e);
        }
    }

    static JsonNode toTree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new CoherenceEventException("", "the map holds something that is not JSON data ("
                    + e.getMessage() + "); pass the Map<String, Object> the Lambda runtime built from the event "
                    + "JSON, made of maps, lists, strings, numbers, booleans and nulls.", e);
        }
    }

    static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new CoherenceEventException("", "the value could not be written as JSON (" + e.getMessage()
                    + "); pass maps, lists, strings, numbers, booleans and nulls only.", e);
        }
    }

    static Module module() {
        return new CoherenceJacksonModule();
    }
}
