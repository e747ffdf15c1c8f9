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
 */
public record NewEnvironmentsEvent(
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
     * @param environments the {@code detail.new_environments} list, possibly empty; copied into an unmodifiable list
     * @throws CoherenceEventException if a component is {@code null}, a string is empty, or a list holds
     *     {@code null}
     */
    public NewEnvironmentsEvent {
        Checks.nonEmpty(version, "version", "version");
        Checks.nonEmpty(id, "id", "id");
        Checks.nonEmpty(account, "account", "account");
        Checks.nonNull(time, "time", "time");
        Checks.nonEmpty(region, "region", "region");
        resources = Checks.listOf(resources, "resources", "resources");
        environments = Checks.listOf(environments, "detail/new_environments", "environments");
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
