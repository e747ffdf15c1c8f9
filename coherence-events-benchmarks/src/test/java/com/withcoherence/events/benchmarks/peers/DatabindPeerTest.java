package com.withcoherence.events.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.benchmarks.Fixtures;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DatabindPeer} is a fair opponent: it reads what coherence-events reads and rejects what a careful user rejects. */
class DatabindPeerTest {

    @ParameterizedTest
    @MethodSource("com.withcoherence.events.benchmarks.peers.PeerCases#documentedDetailTypes")
    void readsTheDocumentedEventLikeCoherenceEvents(String detailType) {
        byte[] json = Fixtures.documented(detailType);

        assertEquals(PeerCases.expected(detailType), DatabindPeer.parse(json).toPeerEvent());
        assertEquals(PeerCases.expected(detailType), DatabindPeer.parse(new ByteArrayInputStream(json)).toPeerEvent());
    }

    @ParameterizedTest
    @MethodSource("com.withcoherence.events.benchmarks.peers.PeerCases#invalidEvents")
    void rejectsWhatACarefulUserRejects(byte[] json) {
        assertThrows(RuntimeException.class, () -> DatabindPeer.parse(json).toPeerEvent());
    }
}
