package com.withcoherence.events.benchmarks.peers;

import com.withcoherence.events.benchmarks.Fixtures;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every peer must do to be a fair opponent: read both documented events into the same values coherence-events
 * reads, and reject the mistakes a careful user's code rejects.
 */
final class PeerCases {

    private PeerCases() {
    }

    static Stream<String> documentedDetailTypes() {
        return Stream.of("new_environments", "valid_environments");
    }

    /** The documented event as coherence-events reads it, in the peers' common shape. */
    static PeerEvent expected(String detailType) {
        CoherenceEvent event = CoherenceEvents.parse(Fixtures.documented(detailType));
        List<Environment> environments = event instanceof NewEnvironmentsEvent
                ? ((NewEnvironmentsEvent) event).environments()
                : ((ValidEnvironmentsEvent) event).environments();
        List<PeerEnvironment> peerEnvironments = new ArrayList<>();
        for (Environment e : environments) {
            peerEnvironments.add(new PeerEnvironment(e.cloudfrontId(), e.environmentName(), e.applicationName()));
        }
        return new PeerEvent(event.version(), event.id(), event.detailType(), event.source(), event.account(),
                event.time(), event.region(), event.resources(), peerEnvironments);
    }

    /** Broken variants of the documented new_environments event that every approach must reject. */
    static Stream<byte[]> invalidEvents() {
        String valid = new String(Fixtures.documented("new_environments"), StandardCharsets.UTF_8);
        return Stream.of(
                valid.replace("\"source\": \"Coherence\"", "\"source\": \"aws.events\""),
                valid.replace("\"environment_name\": \"another-test-env\",", ""),
                valid.replace("\"environment_name\": \"another-test-env\"", "\"environment_name\": 7"),
                valid.replace("\"cloudfront_id\": \"AESOIFH3341\"", "\"cloudfront_id\": \"\""),
                valid.replace("\"new_environments\": [", "\"other\": ["),
                valid.replace("\"time\": \"2023-05-19T13:56:16Z\"", "\"time\": \"yesterday\""),
                valid.replace("\"id\": \"1bb332f8-acc2-adcb-0878-4c0fe06aaf7d\",", ""),
                "[]")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
