package com.withcoherence.events.benchmarks.peers;

import java.time.Instant;
import java.util.List;

/**
 * The typed result every peer approach produces: what a user who does not use coherence-events would write for a
 * Coherence event (envelope plus the environments of {@code new_environments} or {@code valid_environments}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param version the envelope's {@code version}
 * @param id the event id
 * @param detailType {@code new_environments} or {@code valid_environments}
 * @param source always {@code Coherence}
 * @param account the AWS account id
 * @param time the event time
 * @param region the AWS Region
 * @param resources the envelope's resources
 * @param environments the environments of the detail
 */
public record PeerEvent(String version, String id, String detailType, String source, String account, Instant time,
        String region, List<String> resources, List<PeerEnvironment> environments) {

    /** Checks what a careful user would check, and copies the lists. */
    public PeerEvent {
        Peers.nonEmpty(version, "version");
        Peers.nonEmpty(id, "id");
        Peers.nonEmpty(detailType, "detail-type");
        if (!"Coherence".equals(source)) {
            throw new IllegalArgumentException("source must be \"Coherence\" but was " + source);
        }
        Peers.nonEmpty(account, "account");
        if (time == null) {
            throw new IllegalArgumentException("time is required");
        }
        Peers.nonEmpty(region, "region");
        resources = List.copyOf(Peers.required(resources, "resources"));
        environments = List.copyOf(Peers.required(environments, "detail/" + detailType));
    }
}
