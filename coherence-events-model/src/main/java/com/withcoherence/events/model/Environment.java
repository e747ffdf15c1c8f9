package com.withcoherence.events.model;

/**
 * One Coherence environment as listed in {@code new_environments} and {@code valid_environments} events.
 *
 * <p>On the wire it is {@code {"cloudfront_id": …, "environment_name": …, "application_name": …}}. An environment is
 * identified by its application and environment name; the CloudFront id is the distribution that serves it and may
 * change between runs.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param cloudfrontId the id of the CloudFront distribution serving the environment ({@code cloudfront_id}); a
 *     non-empty string. Not checked against CloudFront's id format: Coherence's documented samples use ids that are
 *     not real CloudFront ids.
 * @param environmentName the environment's name ({@code environment_name}), e.g. {@code main}; a non-empty string
 * @param applicationName the Coherence application's name ({@code application_name}); a non-empty string
 * @param unknownMembers the environment's members this library does not read, written back by
 *     {@link CoherenceEvents#toJson}; part of equality, so compare {@link EnvironmentKey}s to ask whether two values
 *     are the same environment. The environments {@link EnvironmentTracker} reports are made from its own state
 *     (name, application, CloudFront id) and have none
 */
public record Environment(String cloudfrontId, String environmentName, String applicationName,
        UnknownMembers unknownMembers) {

    /**
     * Validates the components.
     *
     * @param cloudfrontId the id of the CloudFront distribution serving the environment ({@code cloudfront_id}); a
     *     non-empty string, not checked against CloudFront's id format
     * @param environmentName the environment's name ({@code environment_name}), e.g. {@code main}; a non-empty string
     * @param applicationName the Coherence application's name ({@code application_name}); a non-empty string
     * @param unknownMembers the environment's members this library does not read; {@link UnknownMembers#none()}
     *     for none
     * @throws CoherenceEventException if a component is {@code null} or empty, or an unknown member has the name of
     *     one of the three members above or nests deeper than 996 levels (the most an event allows there)
     */
    public Environment {
        Checks.nonEmpty(cloudfrontId, "cloudfront_id", "cloudfrontId");
        Checks.nonEmpty(environmentName, "environment_name", "environmentName");
        Checks.nonEmpty(applicationName, "application_name", "applicationName");
        Checks.unknownMembers(unknownMembers, "", "unknownMembers")
                .check("", Checks.ENVIRONMENT_MEMBERS, UnknownMembers.MAX_VALUE_NESTING_DEPTH - 3);
    }

    /**
     * Makes an environment without unknown members, as Coherence sends it today.
     *
     * @param cloudfrontId the id of the CloudFront distribution serving the environment ({@code cloudfront_id}); a
     *     non-empty string, not checked against CloudFront's id format
     * @param environmentName the environment's name ({@code environment_name}), e.g. {@code main}; a non-empty string
     * @param applicationName the Coherence application's name ({@code application_name}); a non-empty string
     * @throws CoherenceEventException if a component is {@code null} or empty
     */
    public Environment(String cloudfrontId, String environmentName, String applicationName) {
        this(cloudfrontId, environmentName, applicationName, UnknownMembers.none());
    }
}
