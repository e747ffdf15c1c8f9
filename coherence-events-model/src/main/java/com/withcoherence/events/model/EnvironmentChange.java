package com.withcoherence.events.model;

/**
 * One environment whose CloudFront id changed, as the {@link EnvironmentTracker} reports it: the environment as it
 * was tracked before an event and as it is after.
 *
 * <p>Both sides have the same application and environment name (the same {@link EnvironmentKey}) and different
 * CloudFront ids: Coherence moved the environment to another distribution, so whatever points at the old one (DNS
 * records, WAF associations, cache invalidations) should follow it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param before the environment as tracked before the event; never {@code null}
 * @param after the environment as tracked after the event; never {@code null}
 */
public record EnvironmentChange(Environment before, Environment after) {

    /**
     * Validates the components.
     *
     * @param before the environment as tracked before the event; never {@code null}
     * @param after the environment as tracked after the event; never {@code null}
     * @throws CoherenceEventException if a side is {@code null}, the sides are different environments (another
     *     application or environment name), or they have the same CloudFront id (nothing changed)
     */
    public EnvironmentChange {
        Checks.argument(before, "before");
        Checks.argument(after, "after");
        if (!EnvironmentKey.of(before).equals(EnvironmentKey.of(after))) {
            throw CoherenceEventException.about("Invalid argument", "", "an EnvironmentChange describes one environment, but before is "
                    + EnvironmentKey.of(before) + " and after is " + EnvironmentKey.of(after)
                    + "; report a different environment as removed and created instead.");
        }
        if (before.cloudfrontId().equals(after.cloudfrontId())) {
            throw CoherenceEventException.about("Invalid argument", "", "an EnvironmentChange needs a new CloudFront id, but " + EnvironmentKey.of(after)
                    + " has " + before.cloudfrontId() + " before and after; an environment that stays the same is "
                    + "unchanged, not changed.");
        }
    }

    /**
     * Returns the key of the changed environment.
     *
     * @return the key, never {@code null}
     */
    public EnvironmentKey key() {
        return EnvironmentKey.of(after);
    }
}
