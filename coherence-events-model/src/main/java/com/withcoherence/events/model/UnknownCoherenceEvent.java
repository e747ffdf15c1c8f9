package com.withcoherence.events.model;

import java.time.Instant;
import java.util.List;

/**
 * A Coherence event whose detail-type this version of the library does not know, with its detail kept as JSON.
 *
 * <p>Coherence may add event types; parsing them must neither fail nor lose data. Such an event is read into this
 * record, whose {@link #detailJson()} holds the whole {@code detail} object as compact JSON (unknown fields
 * included), and {@link CoherenceEvents#toJson(CoherenceEvent)} writes it back unchanged.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param version the envelope's {@code version}, non-empty
 * @param id the event's {@code id}, non-empty
 * @param detailType the envelope's {@code detail-type}, non-empty
 * @param account the AWS account id ({@code account}), non-empty
 * @param time the event's {@code time}
 * @param region the AWS Region ({@code region}), non-empty
 * @param resources the envelope's {@code resources}; copied into an unmodifiable list
 * @param detailJson the {@code detail} object as JSON text: exactly one JSON object without duplicate keys
 *     ({@code "{}"} at least). It is stored in compact form, so equal objects give equal records
 * @param unknownMembers the envelope's members this library does not read (such as {@code replay-name}), written
 *     back by {@link CoherenceEvents#toJson}
 */
public record UnknownCoherenceEvent(
        String version,
        String id,
        String detailType,
        String account,
        Instant time,
        String region,
        List<String> resources,
        String detailJson,
        UnknownMembers unknownMembers) implements CoherenceEvent {

    /**
     * Validates and copies the components.
     *
     * @param version the envelope's {@code version}, non-empty
     * @param id the event's {@code id}, non-empty
     * @param detailType the envelope's {@code detail-type}, non-empty
     * @param account the AWS account id ({@code account}), non-empty
     * @param time the event's {@code time}
     * @param region the AWS Region ({@code region}), non-empty
     * @param resources the envelope's {@code resources}; copied into an unmodifiable list
     * @param detailJson the {@code detail} object as JSON text: exactly one JSON object without duplicate keys
     *     ({@code "{}"} at least). It is stored in compact form, so equal objects give equal records
     * @param unknownMembers the envelope's members this library does not read; {@link UnknownMembers#none()} for none
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, a list holds {@code null},
     *     {@code detailJson} is not exactly one JSON object nested at most 999 levels, or an unknown member has the
     *     name of an envelope member
     */
    public UnknownCoherenceEvent {
        Checks.nonEmpty(version, "version", "version");
        Checks.nonEmpty(id, "id", "id");
        Checks.nonEmpty(detailType, "detail-type", "detailType");
        Checks.nonEmpty(account, "account", "account");
        Checks.nonNull(time, "time", "time");
        Checks.nonEmpty(region, "region", "region");
        resources = Checks.listOf(resources, "resources", "resources");
        Checks.nonNull(detailJson, "detail", "detailJson");
        // Normalised to compact JSON so that equal details give equal records, whatever their formatting.
        detailJson = EventReader.canonicalDetail(detailJson, "/detail");
        Checks.unknownMembers(unknownMembers, "", "unknownMembers")
                .check("", Checks.ENVELOPE_MEMBERS, UnknownMembers.MAX_VALUE_NESTING_DEPTH);
    }

    /**
     * Makes an event without unknown envelope members.
     *
     * @param version the envelope's {@code version}, non-empty
     * @param id the event's {@code id}, non-empty
     * @param detailType the envelope's {@code detail-type}, non-empty
     * @param account the AWS account id ({@code account}), non-empty
     * @param time the event's {@code time}
     * @param region the AWS Region ({@code region}), non-empty
     * @param resources the envelope's {@code resources}; copied into an unmodifiable list
     * @param detailJson the {@code detail} object as JSON text: exactly one JSON object without duplicate keys
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, a list holds {@code null},
     *     or {@code detailJson} is not exactly one JSON object
     */
    public UnknownCoherenceEvent(String version, String id, String detailType, String account, Instant time,
            String region, List<String> resources, String detailJson) {
        this(version, id, detailType, account, time, region, resources, detailJson, UnknownMembers.none());
    }

    @Override
    public void dispatch(CoherenceEventHandler handler) {
        Checks.argument(handler, "handler").onUnknown(this);
    }
}
