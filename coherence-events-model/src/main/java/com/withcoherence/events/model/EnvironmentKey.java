package com.withcoherence.events.model;

/**
 * Identifies one Coherence environment for the {@link EnvironmentTracker}: its application and environment name.
 *
 * <p>Coherence lists an environment as {@code {cloudfront_id, environment_name, application_name}}; the CloudFront id
 * may change from run to run while the environment stays the same, so the tracker keys environments by this pair and
 * reports a new CloudFront id as an {@link EnvironmentChange}.
 *
 * <p>Keys order by application name, then environment name (both compared as Java strings), which is the order of
 * every list and map the tracker returns.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param applicationName the application's name ({@code application_name}); a non-empty string
 * @param environmentName the environment's name ({@code environment_name}); a non-empty string
 */
public record EnvironmentKey(String applicationName, String environmentName) implements Comparable<EnvironmentKey> {

    /**
     * Validates the components.
     *
     * @param applicationName the application's name ({@code application_name}); a non-empty string
     * @param environmentName the environment's name ({@code environment_name}); a non-empty string
     * @throws CoherenceEventException if a component is {@code null} or empty
     */
    public EnvironmentKey {
        Checks.nonEmpty(applicationName, "application_name", "applicationName");
        Checks.nonEmpty(environmentName, "environment_name", "environmentName");
    }

    /**
     * Returns the key of an environment.
     *
     * @param environment the environment; must not be {@code null}
     * @return its key, never {@code null}
     * @throws CoherenceEventException if {@code environment} is {@code null}
     */
    public static EnvironmentKey of(Environment environment) {
        Checks.argument(environment, "environment");
        return new EnvironmentKey(environment.applicationName(), environment.environmentName());
    }

    /**
     * Orders by application name, then environment name.
     *
     * @param other the key to compare with; must not be {@code null}
     * @return a negative number, zero or a positive number as this key sorts before, with or after {@code other}
     */
    @Override
    public int compareTo(EnvironmentKey other) {
        int byApplication = applicationName.compareTo(other.applicationName);
        return byApplication != 0 ? byApplication : environmentName.compareTo(other.environmentName);
    }

    /**
     * Returns {@code application/environment}, for logs and messages.
     *
     * @return the key as text, never {@code null}
     */
    @Override
    public String toString() {
        return applicationName + "/" + environmentName;
    }
}
