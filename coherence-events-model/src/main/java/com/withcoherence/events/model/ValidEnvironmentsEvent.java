package com.withcoherence.events.model;

import java.time.Instant;
import java.util.List;

/**
 * A {@code valid_environments} event: every environment that is active after one Coherence run.
 *
 * <p>Coherence never announces a removal: an environment missing from this list was removed. The environment tracker of this package turns a sequence of these snapshots into created, changed and removed environments.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param version the envelope's {@code version}, non-empty
 * @param id the event's {@code id}, non-empty
 * @param account the AWS account id ({@code account}), non-empty
 * @param time the event's {@code time}
 * @param region the AWS Region ({@code region}), non-empty
 * @param resources the envelope's {@code resources}; copied into an unmodifiable list
 * @param environments the {@code detail.valid_environments} list, possibly empty; copied into an unmodifiable list
 * @param unknownMembers the envelope's members this library does not read (such as {@code replay-name}), written
 *     back by {@link CoherenceEvents#toJson}
 * @param unknownDetailMembers the detail's members beside {@code valid_environments} that this library does not read,
 *     written back by {@link CoherenceEvents#toJson}
 */
public record ValidEnvironmentsEvent(
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
    private static final List<String> DETAIL_MEMBERS = List.of(CoherenceBus.VALID_ENVIRONMENTS);

    /**
     * Validates and copies the components.
     *
     * @param version the envelope's {@code version}, non-empty
     * @param id the event's {@code id}, non-empty
     * @param account the AWS account id ({@code account}), non-empty
     * @param time the event's {@code time}
     * @param region the AWS Region ({@code region}), non-empty
     * @param resources the envelope's {@code resources}; copied into an unmodifiable list
     * @param environments the {@code detail.valid_environments} list, possibly empty; copied into an unmodifiable list
     * @param unknownMembers the envelope's members this library does not read; {@link UnknownMembers#none()} for none
     * @param unknownDetailMembers the detail's members beside {@code valid_environments} that this library does not read;
     *     {@link UnknownMembers#none()} for none
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, a list holds {@code null},
     *     or an unknown member has the name of a member this record holds or nests deeper than an event allows there
     */
    public ValidEnvironmentsEvent {
        Checks.nonEmpty(version, "version", "version");
        Checks.nonEmpty(id, "id", "id");
        Checks.nonEmpty(account, "account", "account");
        Checks.nonNull(time, "time", "time");
        Checks.nonEmpty(region, "region", "region");
        resources = Checks.listOf(resources, "resources", "resources");
        environments = Checks.listOf(environments, "detail/valid_environments", "environments");
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
     * @param environments the {@code detail.valid_environments} list, possibly empty; copied into an unmodifiable list
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, or a list holds
     *     {@code null}
     */
    public ValidEnvironmentsEvent(String version, String id, String account, Instant time, String region,
            List<String> resources, List<Environment> environments) {
        this(version, id, account, time, region, resources, environments, UnknownMembers.none(),
                UnknownMembers.none());
    }

    /**
     * Returns {@value CoherenceBus#VALID_ENVIRONMENTS}.
     *
     * @return the detail-type, never {@code null}
     */
    @Override
    public String detailType() {
        return CoherenceBus.VALID_ENVIRONMENTS;
    }

    @Override
    public void dispatch(CoherenceEventHandler handler) {
        Checks.argument(handler, "handler").onValidEnvironments(this);
    }
}
