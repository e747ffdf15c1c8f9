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
 */
public record ValidEnvironmentsEvent(
        String version,
        String id,
        String account,
        Instant time,
        String region,
        List<String> resources,
        List<Environment> environments) implements CoherenceEvent {

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
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, or a list holds
     *     {@code null}
     */
    public ValidEnvironmentsEvent {
        Checks.nonEmpty(version, "version", "version");
        Checks.nonEmpty(id, "id", "id");
        Checks.nonEmpty(account, "account", "account");
        Checks.nonNull(time, "time", "time");
        Checks.nonEmpty(region, "region", "region");
        resources = Checks.listOf(resources, "resources", "resources");
        environments = Checks.listOf(environments, "detail/valid_environments", "environments");
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
