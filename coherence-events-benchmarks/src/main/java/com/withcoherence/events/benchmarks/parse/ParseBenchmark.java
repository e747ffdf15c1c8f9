package com.withcoherence.events.benchmarks.parse;

import com.withcoherence.events.benchmarks.Fixtures;
import com.withcoherence.events.benchmarks.peers.DatabindPeer;
import com.withcoherence.events.benchmarks.peers.JsonParserPeer;
import com.withcoherence.events.benchmarks.peers.PeerEvent;
import com.withcoherence.events.benchmarks.peers.ReadTreePeer;
import com.withcoherence.events.benchmarks.peers.ScheduledEventPeer;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one documented event into something typed, steady state: coherence-events beside the four approaches a user
 * would otherwise pick. Stream variants wrap the bytes in a fresh {@link ByteArrayInputStream} per call, as a Lambda
 * {@code RequestStreamHandler} receives its payload.
 *
 * <p>The defaults suit a noisy 2-core machine (3 forks, 5 warm-up and 5 measured iterations of 1 s);
 * {@code scripts/bench.sh} runs it with {@code -prof gc} to report allocation per parse.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {

    /** Which documented event to parse. */
    @Param({"new_environments", "valid_environments"})
    public String event;

    private byte[] json;

    /** Loads the documented event's bytes. */
    @Setup
    public void load() {
        json = Fixtures.documented(event);
    }

    /**
     * Ours, from bytes.
     *
     * @return the event
     */
    @Benchmark
    public CoherenceEvent coherenceBytes() {
        return CoherenceEvents.parse(json);
    }

    /**
     * Ours, from a stream.
     *
     * @return the event
     */
    @Benchmark
    public CoherenceEvent coherenceStream() {
        return CoherenceEvents.parse(new ByteArrayInputStream(json));
    }

    /**
     * Peer 1: ScheduledEvent through aws-lambda-java-serialization, as the Lambda runtime reads a payload stream.
     *
     * @return the event and its environments
     */
    @Benchmark
    public ScheduledEventPeer.Result scheduledEventStream() {
        return ScheduledEventPeer.parse(new ByteArrayInputStream(json));
    }

    /**
     * Peer 2: jackson-databind into records with JavaTimeModule.
     *
     * @return the event
     */
    @Benchmark
    public DatabindPeer.Event databindRecordsBytes() {
        return DatabindPeer.parse(json);
    }

    /**
     * Peer 3: jackson-databind readTree and walk.
     *
     * @return the event
     */
    @Benchmark
    public PeerEvent readTreeBytes() {
        return ReadTreePeer.parse(json);
    }

    /**
     * Peer 4, the floor: a hand-written jackson-core JsonParser loop, from bytes.
     *
     * @return the event
     */
    @Benchmark
    public PeerEvent jsonParserBytes() {
        return JsonParserPeer.parse(json);
    }

    /**
     * Peer 4, the floor, from a stream.
     *
     * @return the event
     */
    @Benchmark
    public PeerEvent jsonParserStream() {
        return JsonParserPeer.parse(new ByteArrayInputStream(json));
    }
}
