package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.util.ArrayList;
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
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.Machine;

/**
 * The fast way to match {@code anything-but} on an environment list: 30 rules of one pattern shape, plus one rule the
 * event does not match ({@code newEnvironments()}), matched by event-ruler directly against a
 * {@code valid_environments} event of 100 or 1,000 environments, with each of event-ruler's matchers. The bus matches
 * as the {@code structured} row does.
 *
 * <p>The rule that does not match is there because event-ruler's structured matcher stops walking the event once every
 * rule of the machine has matched: with only the 30 {@code anything-but} rules, which the first environments already
 * satisfy, it would stop early and hide the cost a real bus (which always has rules an event does not match) pays.
 *
 * <ul>
 *   <li>{@code matcher}: {@code structured} is {@code Machine.builder().build()} (event-ruler 2.x's default,
 *       {@code StructuredFinder}); {@code reuse} adds {@code withAdditionalNameStateReuse(true)}; {@code classic} is
 *       {@code withStructuredMatching(false)}, the array-consistent matcher of event-ruler 1.x ({@code ACFinder}).
 *   <li>{@code shape}: {@code no-list-condition} (detail-type and account only, leaving the environment condition to
 *       the handler), {@code prefix} (a positive condition that few environments meet), {@code except-one}
 *       ({@code "anything-but": "login"}), {@code except-list} ({@code "anything-but": ["main", "staging",
 *       "login"]}), {@code except-with-app} (the list and an application condition on the same environment).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class AnythingButBenchmark {

    private static final String[] WORDS = {
        "login", "search", "checkout", "billing", "profile", "onboarding", "dashboard", "reports", "payments",
        "settings", "signup", "export", "import", "alerts", "audit", "cart", "catalog", "chat", "docs", "feed",
        "inbox", "invoices", "maps", "media", "metrics", "orders", "pricing", "queue", "ranking", "sharing",
    };

    /** Environments in the event. */
    @Param({"100", "1000"})
    public int environments;

    /** The rules' pattern shape. */
    @Param({"no-list-condition", "prefix", "except-one", "except-list", "except-with-app"})
    public String shape;

    /** event-ruler's matcher. */
    @Param({"structured", "reuse", "classic"})
    public String matcher;

    private RoutingSetup setup;

    /** Builds the rules, the machine and the event. */
    @Setup
    public void setUp() {
        GenericMachine.Builder<Machine, String> builder = Machine.builder();
        if (matcher.equals("reuse")) {
            builder = builder.withAdditionalNameStateReuse(true);
        } else if (matcher.equals("classic")) {
            builder = builder.withStructuredMatching(false);
        } else if (!matcher.equals("structured")) {
            throw new IllegalArgumentException("no matcher " + matcher);
        }
        setup = RoutingSetup.of(rules(shape), ArrayScaleBenchmark.validEnvironments(environments), builder);
    }

    /**
     * Thirty rules of one shape and one rule a {@code valid_environments} event does not match.
     *
     * @param shape the shape's name
     * @return the rules
     */
    static List<RuleMix.Rule> rules(String shape) {
        String app = CoherenceFixtures.DOCUMENTED_APPLICATION;
        List<RuleMix.Rule> rules = new ArrayList<>();
        rules.add(new RuleMix.Rule("new-environments", EventPattern.builder().newEnvironments().build().json()));
        for (int i = 0; i < WORDS.length; i++) {
            String word = WORDS[i];
            if (shape.equals("no-list-condition")) {
                rules.add(new RuleMix.Rule(shape + "-" + word, "{\"source\":[\"Coherence\"],\"detail-type\":"
                        + "[\"valid_environments\"],\"account\":[\"" + (123_456_789_012L + i) + "\"]}"));
                continue;
            }
            EventPattern.Builder pattern = EventPattern.builder().validEnvironments();
            switch (shape) {
                case "prefix":
                    pattern.environmentNamePrefixes("feature-" + word);
                    break;
                case "except-one":
                    pattern.environmentNamesExcept(word);
                    break;
                case "except-list":
                    pattern.environmentNamesExcept("main", "staging", word);
                    break;
                case "except-with-app":
                    pattern.environmentNamesExcept("main", "staging", word).applicationNames(app);
                    break;
                default:
                    throw new IllegalArgumentException("no shape " + shape);
            }
            rules.add(new RuleMix.Rule(shape + "-" + word, pattern.build().json()));
        }
        return rules;
    }

    /**
     * event-ruler directly: {@code rulesForJSONEvent} on the envelope.
     *
     * @return the matching rules
     * @throws Exception never here
     */
    @Benchmark
    public List<String> ruler() throws Exception {
        return setup.matchDirectly();
    }
}
