package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    static final JsonNode EVENT = Json.parseOrNull("{\"detail-type\": \"x\", \"detail\": {\"envs\": ["
            + "{\"name\": \"main\", \"tags\": [\"a\"]}, {\"name\": \"dev\", \"tags\": [\"b\", \"c\"]}]}}");

    static String select(String path) {
        JsonNode selected = JsonPath.parseOrNull(path).select(EVENT);
        return selected == null ? null : Json.write(selected);
    }

    @Test
    void selectsByNamesIndicesAndWildcards() {
        assertEquals(Json.write(EVENT), select("$"));
        assertEquals("\"x\"", select("$.detail-type"));
        assertEquals("\"dev\"", select("$.detail.envs[1].name"));
        assertEquals("[\"main\",\"dev\"]", select("$.detail.envs[*].name"));
        assertEquals("[[\"a\"],[\"b\",\"c\"]]", select("$.detail.envs.*.tags"));
        assertEquals("[]", select("$.detail.nothing[*]"));
        assertNull(select("$.detail.envs[5]"));
        assertNull(select("$.detail.nope"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "detail", "$.", "$..detail", "$.detail[", "$.detail[x]", "$['detail']", "$ .a"})
    void rejectsPathsEventBridgeDoesNotEvaluate(String path) {
        assertNull(JsonPath.parseOrNull(path));
    }
}
