package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.testkit.CoherenceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a Coherence bus carries, as teams write them: detail-types, environment name prefixes, suffixes and exact
 * names, application filters, {@code anything-but} on names, {@code $or} groups, and a few hand-written patterns
 * (Region, CloudFront id prefix, wildcard). Made with {@link EventPattern#builder()} where it can say it, raw JSON
 * otherwise; every pattern passes {@link EventPattern#of(String)}, as the bus requires.
 *
 * <p>Rule {@code i} uses template {@code i % 14} with a variant {@code i / 14} (another word, application, Region), so
 * that any count up to the bus's quota of 300 gives distinct rules with the same proportions; one rule is the most
 * common subscription, {@code newEnvironments()}. Three of the fourteen templates put {@code anything-but} on the
 * environment list. Against the documented events, a few rules of each set match (the detail-type rules, the ones on
 * {@code main}, the {@code anything-but} ones on {@code valid_environments}), as on a real bus.
 *
 * <p>Immutable and thread-safe: every method returns a new list.
 */
public final class RuleMix {

    /** Which templates a set draws from. */
    public enum Kind {
        /** All fourteen templates, {@code anything-but} ones included. */
        REALISTIC,
        /** The eleven templates without {@code anything-but}. */
        WITHOUT_ANYTHING_BUT,
        /** Only the three {@code anything-but} templates: the heaviest load for an environment list. */
        ANYTHING_BUT_ONLY
    }

    /**
     * A rule: its name on the bus and its pattern's JSON.
     *
     * @param name the rule's name, distinct within a set
     * @param pattern the pattern's JSON, valid for EventBridge
     */
    public record Rule(String name, String pattern) {
    }

    private static final String APP = CoherenceFixtures.DOCUMENTED_APPLICATION;
    private static final String[] WORDS = {
        "login", "search", "checkout", "billing", "profile", "onboarding", "dashboard", "reports", "payments",
        "settings", "signup", "export", "import", "alerts", "audit", "cart", "catalog", "chat", "docs", "feed",
    };
    private static final String[] REGIONS = {"us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"};
    private static final int TEMPLATES = 14;
    private static final int[] ANYTHING_BUT_TEMPLATES = {7, 8, 12};

    private RuleMix() {
    }

    /**
     * Returns {@code count} distinct rules of the given kind.
     *
     * @param count 1 to 300
     * @param kind which templates to draw from; must not be {@code null}
     * @return the rules in a fixed order, never {@code null}
     */
    public static List<Rule> rules(int count, Kind kind) {
        if (count < 1 || count > 300) {
            throw new IllegalArgumentException("count must be from 1 to 300 (EventBridge's rules per bus) but was "
                    + count);
        }
        List<Integer> templates = new ArrayList<>();
        for (int t = 0; t < TEMPLATES; t++) {
            boolean anythingBut = isAnythingBut(t);
            if (kind == Kind.REALISTIC || (kind == Kind.ANYTHING_BUT_ONLY) == anythingBut) {
                templates.add(t);
            }
        }
        List<Rule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int template = templates.get(i % templates.size());
            int variant = i / templates.size();
            String pattern = pattern(template, variant);
            EventPattern.of(pattern); // every rule must be one EventBridge accepts
            rules.add(new Rule(String.format(Locale.ROOT, "rule-%03d-t%02d", i, template), pattern));
        }
        return List.copyOf(rules);
    }

    private static boolean isAnythingBut(int template) {
        for (int t : ANYTHING_BUT_TEMPLATES) {
            if (t == template) {
                return true;
            }
        }
        return false;
    }

    private static String word(int variant) {
        String word = WORDS[variant % WORDS.length];
        return variant < WORDS.length ? word : word + (variant / WORDS.length + 1);
    }

    /** The documented application for variant 0, then other applications' names and hashes. */
    private static String application(int variant) {
        return variant == 0 ? APP : String.format(Locale.ROOT, "%05dabcde-%s", variant, word(variant));
    }

    private static String pattern(int template, int variant) {
        String word = word(variant);
        switch (template) {
            case 0:
                // The most common subscriptions: one detail-type, then the same with a Region and account filter
                // (the bus's own account for the first four).
                if (variant == 0) {
                    return EventPattern.builder().newEnvironments().build().json();
                }
                if (variant == 1) {
                    return EventPattern.builder().validEnvironments().build().json();
                }
                return "{\"source\":[\"Coherence\"],\"detail-type\":[\""
                        + (variant % 2 == 0 ? "new_environments" : "valid_environments") + "\"],\"region\":[\""
                        + REGIONS[variant % REGIONS.length] + "\"],\"account\":[\""
                        + String.format(Locale.ROOT, "%012d", 123_456_789_012L + variant / REGIONS.length) + "\"]}";
            case 1:
                return EventPattern.builder().newEnvironments().environmentNamePrefixes(word + "-").build().json();
            case 2:
                return EventPattern.builder().validEnvironments().environmentNamePrefixes("feature-" + word).build()
                        .json();
            case 3:
                return EventPattern.builder().newEnvironments().environmentNameSuffixes("-" + word).build().json();
            case 4:
                return EventPattern.builder().newEnvironments().environmentNames(word, word + "-staging").build()
                        .json();
            case 5:
                return EventPattern.builder().validEnvironments().environmentNames("main", word)
                        .applicationNames(application(variant)).build().json();
            case 6:
                return EventPattern.builder().newEnvironments().applicationNames(application(variant)).build().json();
            case 7:
                return EventPattern.builder().validEnvironments().environmentNamesExcept("main", word).build().json();
            case 8:
                return EventPattern.builder().newEnvironments().environmentNamesExcept("main")
                        .applicationNames(application(variant)).build().json();
            case 9:
                // No detail-type: the builder writes a $or over both environment lists.
                return EventPattern.builder().environmentNamePrefixes("preview-" + word).build().json();
            case 10:
                return EventPattern.builder().newEnvironments().environmentNamePrefixes("hotfix-" + word).or()
                        .validEnvironments().environmentNames(word).build().json();
            case 11:
                return "{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"],\"detail\":"
                        + "{\"new_environments\":{\"cloudfront_id\":[{\"prefix\":\"E"
                        + (char) ('A' + variant % 26) + "\"}]}}}";
            case 12:
                return "{\"source\":[\"Coherence\"],\"detail-type\":[\"valid_environments\"],\"detail\":"
                        + "{\"valid_environments\":{\"environment_name\":[{\"anything-but\":{\"prefix\":\"" + word
                        + "-\"}}]}}}";
            case 13:
                return "{\"source\":[\"Coherence\"],\"detail\":{\"new_environments\":{\"environment_name\":"
                        + "[{\"wildcard\":\"*-" + word + "-*\"}]}}}";
            default:
                throw new IllegalStateException("no template " + template);
        }
    }
}
