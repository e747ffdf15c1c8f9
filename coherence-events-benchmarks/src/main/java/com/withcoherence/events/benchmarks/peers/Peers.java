package com.withcoherence.events.benchmarks.peers;

/** The checks every peer shares: the ones a careful user would write once and reuse. */
final class Peers {

    private Peers() {
    }

    static String nonEmpty(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string but was " + value);
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value;
    }

    /** The detail member holding the environments of a detail-type, or an error for one we do not handle. */
    static String listName(String detailType) {
        if ("new_environments".equals(detailType) || "valid_environments".equals(detailType)) {
            return detailType;
        }
        throw new IllegalArgumentException("unexpected detail-type " + detailType);
    }
}
