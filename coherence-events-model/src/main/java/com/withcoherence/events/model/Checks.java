package com.withcoherence.events.model;

import java.util.List;

/** Argument checks shared by the records; each failure names the JSON member it concerns. */
final class Checks {

    /** An environment's members, in Coherence's order; no unknown member of it may have one of these names. */
    static final List<String> ENVIRONMENT_MEMBERS = List.of("cloudfront_id", "environment_name", "application_name");

    /** The envelope's members, in EventBridge's order; no unknown envelope member may have one of these names. */
    static final List<String> ENVELOPE_MEMBERS = List.of("version", "id", "detail-type", "source", "account", "time",
            "region", "resources", "detail");

    private Checks() {
    }

    static String nonEmpty(String value, String jsonName, String component) {
        if (value == null) {
            throw new CoherenceEventException("/" + jsonName,
                    component + " must be a non-empty string but was null; pass the \"" + jsonName
                            + "\" value of the event.");
        }
        if (value.isEmpty()) {
            throw new CoherenceEventException("/" + jsonName,
                    component + " must be a non-empty string but was empty; Coherence always sends a value for \""
                            + jsonName + "\".");
        }
        return value;
    }

    static <T> T nonNull(T value, String jsonName, String component) {
        if (value == null) {
            throw new CoherenceEventException("/" + jsonName,
                    component + " must not be null; pass the \"" + jsonName + "\" value of the event.");
        }
        return value;
    }

    /** Checks a record's unknown members are given; {@code pointer} is the object they belong to. */
    static UnknownMembers unknownMembers(UnknownMembers value, String pointer, String component) {
        if (value == null) {
            throw new CoherenceEventException(pointer, component + " must not be null; pass UnknownMembers.none() "
                    + "when there are none.");
        }
        return value;
    }

    /** Checks a method argument that is not part of the JSON (a handler, an input). */
    static <T> T argument(T value, String name) {
        if (value == null) {
            throw CoherenceEventException.about("Invalid argument", "", name + " must not be null.");
        }
        return value;
    }

    /** Copies {@code values} into an unmodifiable list, naming the index of a null element if there is one. */
    static <T> List<T> listOf(List<T> values, String jsonName, String component) {
        nonNull(values, jsonName, component);
        for (int i = 0, n = values.size(); i < n; i++) {
            if (values.get(i) == null) {
                throw new CoherenceEventException("/" + jsonName + "/" + i,
                        component + " must not contain null elements, but element " + i
                                + " is null; remove it or pass a value.");
            }
        }
        return List.copyOf(values);
    }
}
