package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.benchmarks.JmhSmoke;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/**
 * A smoke run of {@link RoutingBenchmark}: both methods at 1, 30 and 300 rules for both documented events, each set
 * up only after the bus and event-ruler agreed on the rules the event matches.
 */
class RoutingBenchmarkTest {

    @Test
    void everyBenchmarkRunsAtEveryRuleCountAndProducesAScore() throws RunnerException {
        JmhSmoke.runEveryBenchmarkOnce(RoutingBenchmark.class, Map.of(), 3 * 2);
    }
}
