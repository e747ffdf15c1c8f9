package com.withcoherence.events.benchmarks.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Peer 3: jackson-databind {@code readTree}, then a walk over the tree that requires every field and checks its type.
 *
 * <p>Thread-safe: the mapper is shared and immutable once built.
 */
public final class ReadTreePeer {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ReadTreePeer() {
    }

    /**
     * Parses an event from UTF-8 bytes.
     *
     * @param json the event
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static PeerEvent parse(byte[] json) {
        try {
            return walk(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
        }
    }

    /**
     * Parses an event from a stream, which is read but not closed.
     *
     * @param json the event's bytes
     * @return the event
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static PeerEvent parse(InputStream json) {
        try {
            return walk(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PeerEvent walk(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the event must be a JSON object");
        }
        String detailType = text(event, "detail-type");
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new IllegalArgumentException("\"detail\" must be an object");
        }
        JsonNode list = detail.get(Peers.listName(detailType));
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("\"detail/" + detailType + "\" must be an array");
        }
        List<PeerEnvironment> environments = new ArrayList<>(list.size());
        for (JsonNode environment : list) {
            if (!environment.isObject()) {
                throw new IllegalArgumentException("an environment must be an object");
            }
            environments.add(new PeerEnvironment(text(environment, "cloudfront_id"),
                    text(environment, "environment_name"), text(environment, "application_name")));
        }
        JsonNode resourcesNode = event.get("resources");
        if (resourcesNode == null || !resourcesNode.isArray()) {
            throw new IllegalArgumentException("\"resources\" must be an array");
        }
        List<String> resources = new ArrayList<>(resourcesNode.size());
        for (JsonNode resource : resourcesNode) {
            if (!resource.isTextual()) {
                throw new IllegalArgumentException("\"resources\" must hold strings");
            }
            resources.add(resource.textValue());
        }
        return new PeerEvent(text(event, "version"), text(event, "id"), detailType, text(event, "source"),
                text(event, "account"), Instant.parse(text(event, "time")), text(event, "region"), resources,
                environments);
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string");
        }
        return value.textValue();
    }
}
