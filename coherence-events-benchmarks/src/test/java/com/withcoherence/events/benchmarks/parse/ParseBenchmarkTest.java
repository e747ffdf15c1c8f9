package com.withcoherence.events.benchmarks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A smoke run of {@link ParseBenchmark}, not a measurement: every benchmark method runs once, in this JVM, for one short
 * iteration, and must produce a score. Real numbers come from {@code scripts/bench.sh}.
 */
class ParseBenchmarkTest {

    @Test
    void everyBenchmarkRunsAndProducesAScore() throws RunnerException {
        Options smoke = new OptionsBuilder()
                .include(ParseBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(smoke).run();

        Set<String> ran = new HashSet<>();
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            String label = result.getParams().getBenchmark() + " " + result.getParams().getParam("event");
            assertTrue(score > 0 && Double.isFinite(score), label + " scored " + score);
            ran.add(label);
        }
        int methods = 0;
        for (Method method : ParseBenchmark.class.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class)) {
                methods++;
            }
        }
        assertEquals(methods * 2, ran.size(), "every benchmark method for both documented events: " + ran);
    }
}
