package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSONPath subset EventBridge evaluates in {@code InputPath} and {@code InputPathsMap}: {@code $}, dot notation
 * with names of letters, digits, dashes, underscores and slashes ({@code $.detail-type}), array indices
 * ({@code [0]}) and wildcards ({@code .*}, {@code [*]}).
 *
 * <p>A path without a wildcard selects one value or nothing; a path with one selects the array of every value it
 * reaches, in document order.
 */
final class JsonPath {

    private static final String WILDCARD = "*";

    private final String text;
    private final List<Object> steps;
    private final boolean wildcard;

    private JsonPath(String text, List<Object> steps, boolean wildcard) {
        this.text = text;
        this.steps = steps;
        this.wildcard = wildcard;
    }

    /** Parses a path, or returns {@code null} if it is not one EventBridge evaluates. */
    static JsonPath parseOrNull(String text) {
        if (text == null || !text.startsWith("$")) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        boolean wildcard = false;
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    if (!isNameChar(text.charAt(i))) {
                        return null;
                    }
                    i++;
                }
                if (i == start) {
                    return null;
                }
                String name = text.substring(start, i);
                wildcard |= name.equals(WILDCARD);
                steps.add(name);
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                String index = text.substring(i + 1, close);
                if (index.equals(WILDCARD)) {
                    wildcard = true;
                    steps.add(WILDCARD);
                } else if (!index.isEmpty() && index.length() < 10 && index.chars().allMatch(Character::isDigit)) {
                    steps.add(Integer.valueOf(index));
                } else {
                    return null;
                }
                i = close + 1;
            } else {
                return null;
            }
        }
        return new JsonPath(text, List.copyOf(steps), wildcard);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/' || c == '*' || c == '@' || c == ':';
    }

    /** Evaluates the path; {@code null} when a path without wildcard selects nothing. */
    JsonNode select(JsonNode root) {
        List<JsonNode> current = new ArrayList<>();
        current.add(root);
        for (Object step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step instanceof Integer) {
                    JsonNode child = node.isArray() ? node.get((Integer) step) : null;
                    if (child != null) {
                        next.add(child);
                    }
                } else if (step.equals(WILDCARD)) {
                    if (node.isArray() || node.isObject()) {
                        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                            next.add(it.next());
                        }
                    }
                } else {
                    JsonNode child = node.isObject() ? node.get((String) step) : null;
                    if (child != null) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        if (wildcard) {
            ArrayNode all = Json.MAPPER.createArrayNode();
            current.forEach(all::add);
            return all;
        }
        return current.isEmpty() ? null : current.get(0);
    }

    @Override
    public String toString() {
        return text;
    }
}
