package com.withcoherence.events.model;

import java.time.Instant;
import java.util.List;

/**
 * A {@code new_environments} event: the environments that one Coherence run created.
 *
 * <p>A redelivered event has the same {@link #id()}; make the work it triggers idempotent.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param version the envelope's {@code version}, non-empty
 * @param id the event's {@code id}, non-empty
 * @param account the AWS account id ({@code account}), non-empty
 * @param time the event's {@code time}
 * @param region the AWS Region ({@code region}), non-empty
 * @param resources the envelope's {@code resources}; copied into an unmodifiable list
 * @param environments the {@code detail.new_environments} list, possibly empty; copied into an unmodifiable list
 * @param unknownMembers the envelope's members this library does not read (such as {@code replay-name}), written
 *     back by {@link CoherenceEvents#toJson}
 * @param unknownDetailMembers the detail's members beside {@code new_environments} that this library does not read,
 *     written back by {@link CoherenceEvents#toJson}
 */
public record NewEnvironmentsEvent(
        String version,
        String id,
        String account,
        Instant time,
        String region,
        List<String> resources,
        List<Environment> environments,
        UnknownMembers unknownMembers,
        UnknownMembers unknownDetailMembers) implements CoherenceEvent {

    /** The members the detail has on the wire, which no unknown detail member may repeat. */
    private static final List<String> DETAIL_MEMBERS = List.of(CoherenceBus.NEW_ENVIRONMENTS);

    /**
     * Validates and copies the components.
     *
     * @param version the envelope's {@code version}, non-empty
     * @param id the event's {@code id}, non-empty
     * @param account the AWS account id ({@code account}), non-empty
     * @param time the event's {@code time}
     * @param region the AWS Region ({@code region}), non-empty
     * @param resources the envelope's {@code resources}; copied into an unmodifiable list
     * @param environments the {@code detail.new_environments} list, possibly empty; copied into an unmodifiable list
     * @param unknownMembers the envelope's members this library does not read; {@link UnknownMembers#none()} for none
     * @param unknownDetailMembers the detail's members beside {@code new_environments} that this library does not read;
     *     {@link UnknownMembers#none()} for none
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, a list holds {@code null},
     *     or an unknown member has the name of a member this record holds or nests deeper than an event allows there
     */
    public NewEnvironmentsEvent {
        Checks.nonEmpty(version, "version", "version");
        Checks.nonEmpty(id, "id", "id");
        Checks.nonEmpty(account, "account", "account");
        Checks.nonNull(time, "time", "time");
        Checks.nonEmpty(region, "region", "region");
        resources = Checks.listOf(resources, "resources", "resources");
        environments = Checks.listOf(environments, "detail/new_environments", "environments");
        Checks.unknownMembers(unknownMembers, "", "unknownMembers")
                .check("", Checks.ENVELOPE_MEMBERS, UnknownMembers.MAX_VALUE_NESTING_DEPTH);
        Checks.unknownMembers(unknownDetailMembers, "/detail", "unknownDetailMembers")
                .check("/detail", DETAIL_MEMBERS, UnknownMembers.MAX_VALUE_NESTING_DEPTH - 1);
    }

    /**
     * Makes an event without unknown members, as Coherence sends it today.
     *
     * @param version the envelope's {@code version}, non-empty
     * @param id the event's {@code id}, non-empty
     * @param account the AWS account id ({@code account}), non-empty
     * @param time the event's {@code time}
     * @param region the AWS Region ({@code region}), non-empty
     * @param resources the envelope's {@code resources}; copied into an unmodifiable list
     * @param environments the {@code detail.new_environments} list, possibly empty; copied into an unmodifiable list
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, or a list holds
     *     {@code null}
     */
    public NewEnvironmentsEvent(String version, String id, String account, Instant time, String region,
            List<String> resources, List<Environment> environments) {
        this(version, id, account, time, region, resources, environments, UnknownMembers.none(),
                UnknownMembers.none());
    }

    /**
     * Returns {@value CoherenceBus#NEW_ENVIRONMENTS}.
     *
     * @return the detail-type, never {@code null}
     */
    @Override
    public String detailType() {
        return CoherenceBus.NEW_ENVIRONMENTS;
    }

    @Override
    public void dispatch(CoherenceEventHandler handler) {
        Checks.argument(handler, "handler").onNewEnvironments(this);
    }
}
