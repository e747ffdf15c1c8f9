package com.withcoherence.events.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A smoke run of one JMH benchmark class, not a measurement: every benchmark method runs in this JVM for one short
 * iteration per parameter combination, and each must produce a finite, positive score. Real numbers come from
 * {@code scripts/bench.sh}.
 */
public final class JmhSmoke {

    private JmhSmoke() {
    }

    /**
     * Runs every benchmark of {@code benchmarkClass} once per combination of {@code params} (each parameter not named
     * keeps its {@code @Param} values) and checks that each produced a score.
     *
     * @param benchmarkClass the class with {@code @Benchmark} methods
     * @param params parameter values to restrict the run to
     * @param combinations how many parameter combinations each method must have run with
     * @throws RunnerException if JMH fails
     */
    public static void runEveryBenchmarkOnce(Class<?> benchmarkClass, Map<String, String[]> params, int combinations)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmarkClass.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true);
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            options.param(param.getKey(), param.getValue());
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            String label = result.getParams().getBenchmark() + " " + result.getParams().getParamsKeys()
                    .stream().map(k -> k + "=" + result.getParams().getParam(k)).toList();
            assertTrue(score > 0 && Double.isFinite(score), label + " scored " + score);
            ran.add(label);
        }
        int methods = 0;
        for (Method method : benchmarkClass.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class)) {
                methods++;
            }
        }
        assertEquals(methods * combinations, ran.size(), "every benchmark method with every combination: " + ran);
    }
}
