package com.withcoherence.events.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.withcoherence.events.benchmarks.Fixtures;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ReadTreePeer} is a fair opponent: it reads what coherence-events reads and rejects what a careful user rejects. */
class ReadTreePeerTest {

    @ParameterizedTest
    @MethodSource("com.withcoherence.events.benchmarks.peers.PeerCases#documentedDetailTypes")
    void readsTheDocumentedEventLikeCoherenceEvents(String detailType) {
        byte[] json = Fixtures.documented(detailType);

        assertEquals(PeerCases.expected(detailType), ReadTreePeer.parse(json));
        assertEquals(PeerCases.expected(detailType), ReadTreePeer.parse(new ByteArrayInputStream(json)));
    }

    @ParameterizedTest
    @MethodSource("com.withcoherence.events.benchmarks.peers.PeerCases#invalidEvents")
    void rejectsWhatACarefulUserRejects(byte[] json) {
        assertThrows(RuntimeException.class, () -> ReadTreePeer.parse(json));
    }
}
