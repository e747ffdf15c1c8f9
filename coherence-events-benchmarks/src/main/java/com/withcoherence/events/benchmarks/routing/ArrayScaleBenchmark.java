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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How routing grows with the environments a {@code valid_environments} event lists (1, 10, 100, 1,000), on a bus of 30
 * rules without {@code anything-but}, with the realistic share of it, or with only {@code anything-but} rules on the
 * environment list (event-ruler's slow case): the bus beside event-ruler directly, as in {@link RoutingBenchmark}.
 *
 * <p>The events are {@link CoherenceFixtures#seeded(long) seeded} fixtures: {@code main}, then {@code feature-…}
 * environments of the documented application (about 110 bytes each; 1,000 make a detail of 110 KB, within
 * PutEvents' 256 KB).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArrayScaleBenchmark {

    /** Rules on the bus, as in the middle row of {@link RoutingBenchmark}. */
    static final int RULES = 30;

    /** Environments in the event. */
    @Param({"1", "10", "100", "1000"})
    public int environments;

    /** Which rules the bus holds. */
    @Param({"WITHOUT_ANYTHING_BUT", "REALISTIC", "ANYTHING_BUT_ONLY"})
    public RuleMix.Kind rules;

    private RoutingSetup setup;

    /** Builds the event, the bus and the machine, and checks that they agree. */
    @Setup
    public void setUp() {
        setup = RoutingSetup.of(RuleMix.rules(RULES, rules), validEnvironments(environments));
    }

    /**
     * A {@code valid_environments} event listing {@code main} and {@code count - 1} feature environments.
     *
     * @param count 1 or more
     * @return the event
     */
    static CoherenceEvent validEnvironments(int count) {
        return CoherenceFixtures.seeded(7).event().environments(count).validEnvironments();
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
