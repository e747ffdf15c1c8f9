package com.withcoherence.events.benchmarks.peers;

/**
 * One environment, as a user of a peer approach would model it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param cloudfrontId {@code cloudfront_id}, non-empty
 * @param environmentName {@code environment_name}, non-empty
 * @param applicationName {@code application_name}, non-empty
 */
public record PeerEnvironment(String cloudfrontId, String environmentName, String applicationName) {

    /** Requires every field, non-empty. */
    public PeerEnvironment {
        Peers.nonEmpty(cloudfrontId, "cloudfront_id");
        Peers.nonEmpty(environmentName, "environment_name");
        Peers.nonEmpty(applicationName, "application_name");
    }
}
