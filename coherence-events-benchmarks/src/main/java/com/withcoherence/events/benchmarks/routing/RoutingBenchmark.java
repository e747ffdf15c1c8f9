package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.PutEventsResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory bus's cost per event beside event-ruler's own: one documented event put on a Coherence bus holding 1,
 * 30 or 300 rules of the {@linkplain RuleMix.Kind#REALISTIC realistic mix} (300 is EventBridge's quota per bus), each
 * rule with one target that only records, against {@code Machine.rulesForJSONEvent} on the same patterns and the
 * envelope the bus delivers.
 *
 * <p>{@code bus} is what a testkit user pays: {@code InMemoryEventBridge.putEvents} with one entry, which validates the
 * entry, completes the envelope (id, account, Region, time), matches it, and records a delivery per matched target.
 * {@code busBatched} is the same with ten copies of the event per call (EventBridge's maximum), per event: the
 * per-call work (request validation, the result) is shared. {@code ruler} is only the match, given the finished
 * envelope's JSON. The target is {@code bus ÷ ruler ≤ 1.5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBenchmark {

    /** Rules on the bus. */
    @Param({"1", "30", "300"})
    public int rules;

    /** Which documented event to route. */
    @Param({"new_environments", "valid_environments"})
    public String event;

    private RoutingSetup setup;

    /** Builds the bus and the machine and checks that they agree. */
    @Setup
    public void setUp() {
        CoherenceEvent documented = event.equals("new_environments")
                ? CoherenceFixtures.documentedNewEnvironments()
                : CoherenceFixtures.documentedValidEnvironments();
        setup = RoutingSetup.of(RuleMix.rules(rules, RuleMix.Kind.REALISTIC), documented);
    }

    /**
     * The bus: PutEvents with the event, matched and recorded for every target.
     *
     * @return the bus's answer
     */
    @Benchmark
    public PutEventsResult bus() {
        return setup.putOnBus();
    }

    /**
     * The bus, fed as a batching sender feeds it: ten copies of the event in one PutEvents call, reported per event.
     *
     * @return the bus's answer
     */
    @Benchmark
    @OperationsPerInvocation(RoutingSetup.BATCH)
    public PutEventsResult busBatched() {
        return setup.putBatchOnBus();
    }

    /**
     * event-ruler directly: {@code rulesForJSONEvent} on the delivered envelope.
     *
     * @return the matching rules
     * @throws Exception never here
     */
    @Benchmark
    public List<String> ruler() throws Exception {
        return setup.matchDirectly();
    }
}
