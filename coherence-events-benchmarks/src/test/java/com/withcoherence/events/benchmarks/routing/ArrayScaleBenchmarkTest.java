package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.benchmarks.JmhSmoke;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/**
 * A smoke run of {@link ArrayScaleBenchmark}: both methods for every rule set, at the smallest and the largest
 * environment list (the sizes between add nothing a smoke run could catch).
 */
class ArrayScaleBenchmarkTest {

    @Test
    void everyBenchmarkRunsForEveryRuleSetAndProducesAScore() throws RunnerException {
        JmhSmoke.runEveryBenchmarkOnce(ArrayScaleBenchmark.class,
                Map.of("environments", new String[] {"1", "1000"}), 2 * 3);
    }
}
