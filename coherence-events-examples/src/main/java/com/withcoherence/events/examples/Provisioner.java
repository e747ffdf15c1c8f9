package com.withcoherence.events.examples;

import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.EnvironmentChange;

/**
 * The per-environment resources you build beside Coherence: a database, a queue, DNS records… Implement it with
 * your AWS SDK calls or infrastructure tooling.
 *
 * <p>EventBridge delivers at least once, so every method must be idempotent: provisioning an environment that exists,
 * or tearing down one that is gone, must succeed without doing anything.
 */
public interface Provisioner {

    /**
     * Builds the resources of a new environment.
     *
     * @param environment the environment Coherence created; never {@code null}
     */
    void provision(Environment environment);

    /**
     * Repoints the resources of an environment whose CloudFront distribution changed.
     *
     * @param change the environment before and after; never {@code null}
     */
    void update(EnvironmentChange change);

    /**
     * Removes the resources of an environment Coherence no longer lists.
     *
     * @param environment the environment as last known; never {@code null}
     */
    void tearDown(Environment environment);
}
