package com.withcoherence.events.client;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the components of a value record of this package for {@code null}, all at once, so that a record made
 * with a missing part fails with a {@link CoherenceClientException} naming each part (as every other bad input to
 * the library does) instead of a {@code NullPointerException} from {@code List.copyOf}.
 */
final class Components {

    private final String record;
    private final List<Problem> problems = new ArrayList<>();

    private Components(String record) {
        this.record = record;
    }

    /** Starts the checks of a record, such as {@code SubscribeResult}. */
    static Components of(String record) {
        return new Components(record);
    }

    /** The component must not be {@code null}. */
    Components nonNull(String name, Object value) {
        if (value == null) {
            problems.add(new Problem(name, "must not be null."));
        }
        return this;
    }

    /** The list must not be {@code null} nor hold {@code null}. */
    Components list(String name, List<?> list) {
        if (list == null) {
            problems.add(new Problem(name, "must not be null; pass List.of() for none."));
            return this;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                problems.add(new Problem(name + "[" + i + "]", "is null; remove it."));
            }
        }
        return this;
    }

    /** Throws the problems found, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw CoherenceClientException.invalidValue(record, problems);
        }
    }
}
