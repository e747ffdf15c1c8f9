package com.withcoherence.events.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Turns the JMH JSON results of one or more rounds ({@code scripts/bench.sh}) into the Markdown tables of
 * BENCHMARKS.md: every measured iteration of every round is pooled per benchmark and parameter set, the score is their
 * mean with a 99.9% confidence interval (Student's t, as JMH reports it), allocation per operation comes from
 * {@code -prof gc}, and ratios carry their error propagated from both scores' relative errors.
 *
 * <p>{@code ParseBenchmark} gets the side-by-side table and the targets; the routing benchmarks
 * ({@code RoutingBenchmark}, {@code ArrayScaleBenchmark}, {@code AnythingButBenchmark}) get tables of ratios to
 * event-ruler called directly (or to its default matcher), CPU time first; any other benchmark class gets a plain
 * table, so later benchmarks need no change here.
 *
 * <p>Usage: {@code java -cp benchmarks.jar com.withcoherence.events.benchmarks.report.JmhSummary round1.json ...}
 */
public final class JmhSummary {

    private static final double CONFIDENCE = 0.999;
    private static final String PARSE = "ParseBenchmark";

    /** Row order and labels of the parse table. */
    private static final String[][] PARSE_ROWS = {
        {"coherenceBytes", "**coherence-events** `parse(byte[])`"},
        {"coherenceStream", "**coherence-events** `parse(InputStream)`"},
        {"scheduledEventStream", "ScheduledEvent via aws-lambda-java-serialization (stream, as the runtime)"},
        {"databindRecordsBytes", "jackson-databind into records + JavaTimeModule"},
        {"readTreeBytes", "jackson-databind `readTree` and walk"},
        {"jsonParserBytes", "hand-written `JsonParser` loop (floor), bytes"},
        {"jsonParserStream", "hand-written `JsonParser` loop (floor), stream"},
    };

    private JmhSummary() {
    }

    /** One benchmark and parameter set, pooled over every file given. */
    static final class Entry {
        final String benchmarkClass;
        final String method;
        final String params;
        final ListStatistics score;
        final ListStatistics allocation = new ListStatistics();
        final ListStatistics cpu = new ListStatistics();
        String unit = "";
        int forks;

        Entry(String benchmarkClass, String method, String params) {
            this(benchmarkClass, method, params, new ListStatistics());
        }

        private Entry(String benchmarkClass, String method, String params, ListStatistics score) {
            this.benchmarkClass = benchmarkClass;
            this.method = method;
            this.params = params;
            this.score = score;
        }

        double mean() {
            return score.getMean();
        }

        double error() {
            return score.getN() > 1 ? score.getMeanErrorAt(CONFIDENCE) : Double.NaN;
        }

        /** This entry measured by CPU time instead of wall time, or null without {@link CpuTimeProfiler} data. */
        Entry byCpu() {
            if (cpu.getN() == 0) {
                return null;
            }
            Entry e = new Entry(benchmarkClass, method, params, cpu);
            e.unit = "ns/op";
            e.forks = forks;
            return e;
        }
    }

    /**
     * Prints the summary of the given JMH JSON result files to standard output.
     *
     * @param args the result files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JmhSummary result.json [more.json ...]");
            System.exit(2);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : args) {
            for (JsonNode result : mapper.readTree(new File(file))) {
                String benchmark = result.get("benchmark").asText();
                int dot = benchmark.lastIndexOf('.');
                String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
                String method = benchmark.substring(dot + 1);
                StringBuilder params = new StringBuilder();
                JsonNode paramNode = result.path("params");
                for (Map.Entry<String, JsonNode> p : paramNode.properties()) {
                    params.append(params.length() == 0 ? "" : ", ").append(p.getKey()).append('=')
                            .append(p.getValue().asText());
                }
                String key = className + "." + method + " " + params;
                Entry entry = entries.get(key);
                if (entry == null) {
                    entry = new Entry(className, method, params.toString());
                    entries.put(key, entry);
                }
                JsonNode primary = result.get("primaryMetric");
                entry.unit = primary.get("scoreUnit").asText();
                for (JsonNode fork : primary.get("rawData")) {
                    entry.forks++;
                    for (JsonNode iteration : fork) {
                        entry.score.addValue(iteration.asDouble());
                    }
                }
                addRaw(entry.allocation, result.path("secondaryMetrics").path("gc.alloc.rate.norm"));
                addRaw(entry.cpu, result.path("secondaryMetrics").path("cpu.time.norm"));
            }
        }
        System.out.print(render(entries));
    }

    private static void addRaw(ListStatistics into, JsonNode metric) {
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                into.addValue(iteration.asDouble());
            }
        }
    }

    static String render(Map<String, Entry> entries) {
        StringBuilder out = new StringBuilder();
        Map<String, Map<String, Entry>> parse = new LinkedHashMap<>();
        List<Entry> others = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.benchmarkClass.equals(PARSE)) {
                parse.computeIfAbsent(e.params, k -> new LinkedHashMap<>()).put(e.method, e);
            } else {
                others.add(e);
            }
        }
        List<String> targets = new ArrayList<>();
        for (Map.Entry<String, Map<String, Entry>> group : parse.entrySet()) {
            parseTable(out, group.getKey(), group.getValue(), targets);
        }
        if (!targets.isEmpty()) {
            out.append("Targets (point estimate; \"holds across the interval\" when the ratio's 99.9% interval stays "
                    + "inside the target too):\n\n");
            for (String target : targets) {
                out.append("- ").append(target).append('\n');
            }
            out.append('\n');
        }
        List<String> routingTargets = new ArrayList<>();
        others = routingTables(out, others, routingTargets);
        if (!routingTargets.isEmpty()) {
            out.append("Routing targets (point estimate; \"holds across the interval\" when the ratio's 99.9% "
                    + "interval stays inside the target too):\n\n");
            for (String target : routingTargets) {
                out.append("- ").append(target).append('\n');
            }
            out.append('\n');
        }
        if (!others.isEmpty()) {
            out.append("| benchmark | params | score ± 99.9% CI | unit | B/op | samples (forks) |\n");
            out.append("| --- | --- | ---: | --- | ---: | ---: |\n");
            for (Entry e : others) {
                out.append("| ").append(e.benchmarkClass).append('.').append(e.method).append(" | ").append(e.params)
                        .append(" | ").append(scoreText(e)).append(" | ").append(e.unit).append(" | ")
                        .append(allocationText(e)).append(" | ").append(e.score.getN()).append(" (").append(e.forks)
                        .append(") |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The routing families side by side: the bus (one entry per call and batched) against event-ruler directly, the
     * environment-list scale, and event-ruler's matchers per pattern shape. Returns the entries it did not use.
     */
    private static List<Entry> routingTables(StringBuilder out, List<Entry> entries, List<String> targets) {
        List<Entry> rest = new ArrayList<>();
        Map<String, Map<String, Entry>> routing = new LinkedHashMap<>();
        Map<String, Map<String, Entry>> scale = new LinkedHashMap<>();
        Map<String, Map<String, Entry>> anythingBut = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.benchmarkClass.equals("RoutingBenchmark")) {
                routing.computeIfAbsent(e.params, k -> new LinkedHashMap<>()).put(e.method, e);
            } else if (e.benchmarkClass.equals("ArrayScaleBenchmark")) {
                scale.computeIfAbsent(e.params, k -> new LinkedHashMap<>()).put(e.method, e);
            } else if (e.benchmarkClass.equals("AnythingButBenchmark")) {
                String matcher = param(e.params, "matcher");
                String row = e.params.replace(", matcher=" + matcher, "").replace("matcher=" + matcher + ", ", "");
                anythingBut.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(matcher, e);
            } else {
                rest.add(e);
            }
        }
        if (!routing.isEmpty()) {
            out.append("#### Bus per event vs event-ruler `rulesForJSONEvent` (ns/op)\n\n");
            comparison(out, routing, "ruler", new String[] {"bus", "busBatched"});
            for (Map.Entry<String, Map<String, Entry>> row : routing.entrySet()) {
                target(targets, row.getKey(), "bus ÷ event-ruler ≤ 1.5", row.getValue().get("bus"),
                        row.getValue().get("ruler"), 1.5, true);
                target(targets, row.getKey(), "bus (10 entries per call) ÷ event-ruler ≤ 1.5",
                        row.getValue().get("busBatched"), row.getValue().get("ruler"), 1.5, true);
            }
        }
        if (!scale.isEmpty()) {
            out.append("#### valid_environments scale, 30 rules (µs/op)\n\n");
            comparison(out, scale, "ruler", new String[] {"bus"});
        }
        if (!anythingBut.isEmpty()) {
            out.append("#### anything-but on the environment list: event-ruler's matchers (µs/op)\n\n");
            comparison(out, anythingBut, "structured", new String[] {"reuse", "classic"});
        }
        return rest;
    }

    private static String param(String params, String name) {
        for (String part : params.split(", ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "";
    }

    /** One row per group: the baseline's CPU and wall time, then each other column's CPU time and its ratios. */
    private static void comparison(StringBuilder out, Map<String, Map<String, Entry>> rows, String baseline,
            String[] columns) {
        out.append("| params | ").append(baseline).append(" CPU | ").append(baseline).append(" wall");
        StringBuilder rule = new StringBuilder("| --- | ---: | ---:");
        for (String column : columns) {
            out.append(" | ").append(column).append(" CPU | ").append(column).append(" ÷ ").append(baseline)
                    .append(" (CPU) | ").append(column).append(" ÷ ").append(baseline).append(" (wall)");
            rule.append(" | ---: | ---: | ---:");
        }
        out.append(" | B/op (").append(baseline);
        for (String column : columns) {
            out.append(", ").append(column);
        }
        out.append(") | samples |\n").append(rule).append(" | ---: | ---: |\n");
        for (Map.Entry<String, Map<String, Entry>> row : rows.entrySet()) {
            Entry base = row.getValue().get(baseline);
            if (base == null) {
                continue;
            }
            out.append("| ").append(row.getKey()).append(" | ").append(cpuText(base)).append(" | ")
                    .append(scoreText(base));
            StringBuilder allocation = new StringBuilder(allocationText(base));
            for (String column : columns) {
                Entry e = row.getValue().get(column);
                out.append(" | ").append(e == null ? "–" : cpuText(e)).append(" | ")
                        .append(ratioText(cpuOf(e), cpuOf(base))).append(" | ").append(ratioText(e, base));
                allocation.append(", ").append(e == null ? "–" : allocationText(e));
            }
            out.append(" | ").append(allocation).append(" | ").append(base.score.getN()).append(" (")
                    .append(base.forks).append(") |\n");
        }
        out.append('\n');
    }

    /** CPU time per operation in the score's unit. */
    private static String cpuText(Entry e) {
        Entry cpu = e.byCpu();
        if (cpu == null) {
            return "–";
        }
        double scale = e.unit.startsWith("us") ? 1e-3 : e.unit.startsWith("ms") ? 1e-6 : 1;
        return String.format(Locale.ROOT, e.unit.startsWith("ns") ? "%.0f ± %.0f" : "%.1f ± %.1f",
                cpu.mean() * scale, cpu.error() * scale);
    }

    private static void parseTable(StringBuilder out, String params, Map<String, Entry> byMethod,
            List<String> targets) {
        Entry floorBytes = byMethod.get("jsonParserBytes");
        Entry scheduled = byMethod.get("scheduledEventStream");
        out.append("#### ").append(params).append("\n\n");
        out.append("| approach | wall ns/op | ÷ floor (bytes) | ScheduledEvent ÷ it | B/op | CPU ns/op | CPU ÷ floor "
                + "| ScheduledEvent ÷ it (CPU) | samples (forks) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String[] row : PARSE_ROWS) {
            Entry e = byMethod.get(row[0]);
            if (e == null) {
                continue;
            }
            Entry cpu = e.byCpu();
            out.append("| ").append(row[1]).append(" | ").append(scoreText(e)).append(" | ")
                    .append(ratioText(e, floorBytes)).append(" | ").append(ratioText(scheduled, e)).append(" | ")
                    .append(allocationText(e)).append(" | ").append(cpu == null ? "–" : scoreText(cpu))
                    .append(" | ").append(ratioText(cpu, cpuOf(floorBytes))).append(" | ")
                    .append(ratioText(cpuOf(scheduled), cpu)).append(" | ").append(e.score.getN()).append(" (")
                    .append(e.forks).append(") |\n");
        }
        out.append('\n');
        Entry bytes = byMethod.get("coherenceBytes");
        Entry stream = byMethod.get("coherenceStream");
        Entry floorStream = byMethod.get("jsonParserStream");
        target(targets, params, "`parse(byte[])` ÷ floor (bytes) ≤ 1.25", bytes, floorBytes, 1.25, true);
        target(targets, params, "`parse(InputStream)` ÷ floor (stream) ≤ 1.25", stream, floorStream, 1.25, true);
        target(targets, params, "ScheduledEvent ÷ `parse(byte[])` ≥ 2", scheduled, bytes, 2, false);
        target(targets, params, "ScheduledEvent ÷ `parse(InputStream)` ≥ 2", scheduled, stream, 2, false);
    }

    private static void target(List<String> targets, String params, String what, Entry a, Entry b, double limit,
            boolean atMost) {
        if (a == null || b == null) {
            return;
        }
        String text = verdict(a, b, limit, atMost);
        Entry aCpu = a.byCpu();
        Entry bCpu = b.byCpu();
        if (aCpu != null && bCpu != null) {
            text += "; by CPU time " + verdict(aCpu, bCpu, limit, atMost);
        }
        targets.add(params + ", " + what + ": " + text);
    }

    private static String verdict(Entry a, Entry b, double limit, boolean atMost) {
        double ratio = a.mean() / b.mean();
        double error = ratioError(a, b);
        boolean met = atMost ? ratio <= limit : ratio >= limit;
        boolean robust = atMost ? ratio + error <= limit : ratio - error >= limit;
        return String.format(Locale.ROOT, "%.2f× ± %.2f — %s", ratio, error,
                met ? (robust ? "**met** (holds across the interval)" : "**met** (point estimate only)")
                        : "**NOT met**");
    }

    private static Entry cpuOf(Entry e) {
        return e == null ? null : e.byCpu();
    }

    private static String scoreText(Entry e) {
        return String.format(Locale.ROOT, e.unit.startsWith("ns") || e.unit.isEmpty() ? "%.0f ± %.0f" : "%.1f ± %.1f",
                e.mean(), e.error());
    }

    private static String allocationText(Entry e) {
        return e.allocation.getN() == 0 ? "–" : String.format(Locale.ROOT, "%.0f", e.allocation.getMean());
    }

    private static String ratioText(Entry a, Entry b) {
        if (a == null || b == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f× ± %.2f", a.mean() / b.mean(), ratioError(a, b));
    }

    /** Error of a/b from both relative errors, added in quadrature (independent runs). */
    static double ratioError(Entry a, Entry b) {
        double ratio = a.mean() / b.mean();
        double ra = a.error() / a.mean();
        double rb = b.error() / b.mean();
        return ratio * Math.sqrt(ra * ra + rb * rb);
    }
}
