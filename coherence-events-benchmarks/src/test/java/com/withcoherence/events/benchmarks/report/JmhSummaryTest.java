package com.withcoherence.events.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhSummaryTest {

    @Test
    void routingRowsShowTheBusBesideEventRulerWithCpuRatiosAndTheTarget() {
        Map<String, JmhSummary.Entry> entries = new LinkedHashMap<>();
        add(entries, "RoutingBenchmark", "bus", "event=new_environments, rules=30", 1500, 1400);
        add(entries, "RoutingBenchmark", "busBatched", "event=new_environments, rules=30", 1300, 1200);
        add(entries, "RoutingBenchmark", "ruler", "event=new_environments, rules=30", 1000, 1000);

        String out = JmhSummary.render(entries);

        assertTrue(out.contains("| event=new_environments, rules=30 | 1000 ± 0 | 1000 ± 0 | 1400 ± 0 | 1.40× ± 0.00 "
                + "| 1.50× ± 0.00 | 1200 ± 0 | 1.20× ± 0.00 | 1.30× ± 0.00 |"), out);
        assertTrue(out.contains("bus ÷ event-ruler ≤ 1.5: 1.50× ± 0.00 — **met**"), out);
        assertTrue(out.contains("by CPU time 1.40× ± 0.00 — **met**"), out);
    }

    @Test
    void anythingButRowsCompareEachMatcherWithTheDefaultOne() {
        Map<String, JmhSummary.Entry> entries = new LinkedHashMap<>();
        add(entries, "AnythingButBenchmark", "ruler", "environments=100, matcher=structured, shape=except-one", 50,
                50_000);
        add(entries, "AnythingButBenchmark", "ruler", "environments=100, matcher=classic, shape=except-one", 1500,
                1_500_000);
        add(entries, "AnythingButBenchmark", "ruler", "environments=100, matcher=reuse, shape=except-one", 60,
                60_000);

        String out = JmhSummary.render(entries);

        assertTrue(out.contains("| environments=100, shape=except-one | 50.0 ± 0.0 | 50.0 ± 0.0 | 60.0 ± 0.0 "
                + "| 1.20× ± 0.00 | 1.20× ± 0.00 | 1500.0 ± 0.0 | 30.00× ± 0.00 | 30.00× ± 0.00 |"), out);
        assertEquals(-1, out.indexOf("| benchmark | params |"), "nothing left for the plain table: " + out);
    }

    private static void add(Map<String, JmhSummary.Entry> entries, String benchmarkClass, String method,
            String params, double score, double cpuNanos) {
        JmhSummary.Entry entry = new JmhSummary.Entry(benchmarkClass, method, params);
        entry.unit = benchmarkClass.equals("RoutingBenchmark") ? "ns/op" : "us/op";
        entry.forks = 1;
        for (int i = 0; i < 3; i++) {
            entry.score.addValue(score);
            entry.cpu.addValue(cpuNanos);
        }
        entries.put(benchmarkClass + "." + method + " " + params, entry);
    }
}
