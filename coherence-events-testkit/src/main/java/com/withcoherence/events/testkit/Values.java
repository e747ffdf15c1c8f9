package com.withcoherence.events.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null handling shared by the value records: absent becomes empty, required members are named when missing. */
final class Values {

    /** The bus a request means when it names none. */
    static final String DEFAULT_BUS = "default";

    private Values() {
    }

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static String required(String value, String member) {
        if (value == null) {
            throw EventBridgeServiceException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static <T> T requiredValue(T value, String member) {
        if (value == null) {
            throw EventBridgeServiceException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** An unmodifiable copy that keeps the caller's order; {@code null} is empty. */
    static Map<String, String> map(Map<String, String> values, String member) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            required(entry.getKey(), member + ".key");
            required(entry.getValue(), member + "." + entry.getKey());
            copy.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    static List<String> list(List<String> values, String member) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            copy.add(required(values.get(i), member + "." + (i + 1) + ".member"));
        }
        return List.copyOf(copy);
    }
}
