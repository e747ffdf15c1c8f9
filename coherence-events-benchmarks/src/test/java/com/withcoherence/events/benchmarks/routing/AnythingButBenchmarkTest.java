package com.withcoherence.events.benchmarks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.withcoherence.events.benchmarks.JmhSmoke;
import com.withcoherence.events.model.EventPattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/**
 * A smoke run of {@link AnythingButBenchmark} at 100 environments (the classic matcher needs about a second per event
 * at 1,000 with {@code anything-but}, which is what the benchmark shows, not what a smoke run needs): every shape
 * with every matcher, each checked against the bus before it runs.
 */
class AnythingButBenchmarkTest {

    @Test
    void everyShapeRunsWithEveryMatcherAndProducesAScore() throws RunnerException {
        JmhSmoke.runEveryBenchmarkOnce(AnythingButBenchmark.class, Map.of("environments", new String[] {"100"}),
                5 * 3);
    }

    @Test
    void eachShapeIsThirtyValidDistinctRulesAndOneTheEventDoesNotMatch() throws Exception {
        for (String shape : List.of("no-list-condition", "prefix", "except-one", "except-list", "except-with-app")) {
            List<RuleMix.Rule> rules = AnythingButBenchmark.rules(shape);
            assertEquals(31, rules.size(), shape);
            assertEquals(31, rules.stream().map(RuleMix.Rule::pattern).distinct().count(), shape);
            rules.forEach(rule -> EventPattern.of(rule.pattern()));
            RoutingSetup setup = RoutingSetup.of(rules, ArrayScaleBenchmark.validEnvironments(100));
            assertFalse(setup.check().contains("new-environments"), shape);
        }
    }
}
