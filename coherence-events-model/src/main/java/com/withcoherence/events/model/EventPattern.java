package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An EventBridge event pattern that EventBridge accepts: the {@code EventPattern} of a rule that routes Coherence
 * events, validated locally exactly as EventBridge validates it.
 *
 * <p>Write a Coherence pattern with the typed {@link #builder()}, which can only produce valid patterns, or validate
 * any pattern's JSON with {@link #of(String)}:
 *
 * <pre>{@code
 * // "new_environments events listing an environment whose name starts with feature-"
 * EventPattern features = EventPattern.builder()
 *         .newEnvironments()
 *         .environmentNamePrefixes("feature-")
 *         .build();
 * features.json();
 * // {"source":["Coherence"],"detail-type":["new_environments"],
 * //  "detail":{"new_environments":{"environment_name":[{"prefix":"feature-"}]}}}
 *
 * EventPattern console = EventPattern.of("{\"source\":[\"Coherence\"],\"detail-type\":[\"new_environments\"]}");
 * }</pre>
 *
 * <p>{@link #of(String)} needs {@code software.amazon.event.ruler:event-ruler} on the class path (an optional
 * dependency of this module: add it to use {@code of}); the builder and the rest of the model do not.
 *
 * <p>Instances are immutable values, equal when their {@link #json()} is equal, and thread-safe.
 */
public final class EventPattern {

    /**
     * EventBridge's default quota for a pattern's length, in characters: {@value}. It is adjustable per account up to
     * {@link #API_MAX_LENGTH} (Service Quotas, "Event pattern size"); {@link #builder()} keeps every pattern within
     * it, and {@link #of(String, int)} checks a pattern against an account's quota.
     */
    public static final int DEFAULT_MAX_LENGTH = 2048;

    /** The longest pattern EventBridge's API accepts whatever the account's quota, in characters: {@value}. */
    public static final int API_MAX_LENGTH = 4096;

    private static final String RULER_CLASS = "software.amazon.event.ruler.JsonRuleCompiler";

    /**
     * The names event-ruler 2.1.0, EventBridge's engine, refuses as a member name inside {@code $or}
     * ({@code Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP}): its operators. {@code EventPatternTest} checks
     * this copy against the event-ruler on the class path; the builder must not load event-ruler itself.
     */
    static final Set<String> RESERVED_INSIDE_OR = Set.of("<", "<=", "=", ">", ">=", "anything-but", "cidr",
            "date-after", "date-before", "date-on-or-after", "date-on-or-before", "equals-ignore-case", "exactly",
            "exists", "in-date-range", "ip-address-in-range", "ip-address-not-in-range", "not-equals-ignore-case",
            "not-wildcard", "numeric", "prefix", "regex", "suffix", "wildcard");

    private final String json;

    private EventPattern(String json) {
        this.json = json;
    }

    /**
     * Validates a pattern as EventBridge does, allowing the API's maximum length of 4,096 characters.
     *
     * <p>The checks are event-ruler's {@code JsonRuleCompiler} (EventBridge's pattern engine, with {@code $or}) and
     * those EventBridge adds: no {@code exactly} operator (event-ruler knows it, EventBridge does not document it), at
     * most 1,000 rule combinations from {@code $or}, wildcards within EventBridge's complexity limit, no empty list
     * inside {@code anything-but}, at most 256 fields per combination, and nothing after the pattern object. The
     * reason of a rejection is EventBridge's own text wherever AWS has recorded it.
     *
     * @param json the pattern's JSON text, as it would be sent as PutRule's {@code EventPattern}; must not be
     *     {@code null}
     * @return the pattern, never {@code null}
     * @throws EventPatternException if EventBridge would reject the pattern, or {@code json} is {@code null}
     * @throws CoherenceEventException if event-ruler is not on the class path
     */
    public static EventPattern of(String json) {
        return of(json, API_MAX_LENGTH);
    }

    /**
     * Validates a pattern as EventBridge does for an account whose "Event pattern size" quota is {@code maxLength}
     * characters; see {@link #of(String)}.
     *
     * <p>Lengths count the Unicode code points of {@code json} as given, whitespace included, because EventBridge
     * counts the text it is sent. A pattern over {@value #API_MAX_LENGTH} characters fails with
     * {@link EventPatternException#awsErrorCode()} {@code ValidationException}, as the API's constraint does; one
     * within that but over {@code maxLength} fails with {@code InvalidEventPatternException} and a reason of ours
     * (AWS has not recorded its text for the quota).
     *
     * @param json the pattern's JSON text; must not be {@code null}
     * @param maxLength the account's quota: from 1 to {@value #API_MAX_LENGTH}; {@value #DEFAULT_MAX_LENGTH} unless
     *     the account raised it
     * @return the pattern, never {@code null}
     * @throws EventPatternException if EventBridge would reject the pattern, or {@code json} is {@code null}
     * @throws CoherenceEventException if {@code maxLength} is out of range, or event-ruler is not on the class path
     */
    public static EventPattern of(String json, int maxLength) {
        if (maxLength < 1 || maxLength > API_MAX_LENGTH) {
            throw CoherenceEventException.about("Invalid argument", "", "maxLength must be from 1 to " + API_MAX_LENGTH + " (EventBridge's "
                    + "API maximum) but was " + maxLength + "; pass the account's 'Event pattern size' quota, "
                    + DEFAULT_MAX_LENGTH + " unless it was raised.");
        }
        if (json == null) {
            throw new EventPatternException("", "The pattern is null; pass its JSON text, such as "
                    + "{\"source\": [\"Coherence\"]}.");
        }
        int length = json.codePointCount(0, json.length());
        if (length > API_MAX_LENGTH) {
            String reason = "The pattern has " + length + " characters; EventBridge's API accepts at most "
                    + API_MAX_LENGTH + ". Remove whitespace, or match fewer values (a prefix can replace many names).";
            // The text of AWS's request validation, which answers before EventBridge reads the pattern. AWS quotes
            // the whole value; we quote its start only, so that an error never carries kilobytes of the request.
            String quoted = json.substring(0, json.offsetByCodePoints(0, 64)) + "…(" + length + " characters)";
            String awsMessage = "1 validation error detected: Value '" + quoted + "' at 'eventPattern' failed to "
                    + "satisfy constraint: Member must have length less than or equal to " + API_MAX_LENGTH;
            throw new EventPatternException("", reason, EventPatternException.VALIDATION_EXCEPTION, awsMessage, null);
        }
        if (length > maxLength) {
            throw new EventPatternException("", "The pattern has " + length + " characters, above the account's "
                    + "'Event pattern size' quota of " + maxLength + ". Shorten it (remove whitespace, match fewer "
                    + "values), or raise the quota in Service Quotas (up to " + API_MAX_LENGTH + ").");
        }
        requireRuler();
        try {
            return new EventPattern(PatternValidator.validate(json));
        } catch (LinkageError e) {
            throw rulerMissing(e);
        }
    }

    /**
     * Says why EventBridge would reject a pattern, if it would: {@link #of(String)} without the exception.
     *
     * @param json the pattern's JSON text; may be {@code null} (which is not a valid pattern)
     * @return the reason EventBridge would give, or empty if the pattern is valid; never {@code null}
     * @throws CoherenceEventException if event-ruler is not on the class path
     */
    public static Optional<String> check(String json) {
        try {
            of(json);
            return Optional.empty();
        } catch (EventPatternException e) {
            return Optional.of(e.reason());
        }
    }

    /**
     * Returns a builder of patterns that select Coherence events; it does not need event-ruler.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the pattern as compact JSON: the text as validated, without insignificant whitespace, with members,
     * duplicate keys and numbers as written. Send it as PutRule's {@code EventPattern}.
     *
     * @return the JSON text, never {@code null}
     */
    public String json() {
        return json;
    }

    /**
     * Returns the length of {@link #json()} in characters (Unicode code points), the measure of EventBridge's
     * "Event pattern size" quota.
     *
     * @return the length
     */
    public int length() {
        return json.codePointCount(0, json.length());
    }

    /**
     * Returns whether {@code other} is an {@code EventPattern} with the same {@link #json()}.
     *
     * @param other the object to compare with; may be {@code null}
     * @return whether the patterns are the same text
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof EventPattern that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /**
     * Returns {@link #json()}.
     *
     * @return the compact JSON text, never {@code null}
     */
    @Override
    public String toString() {
        return json;
    }

    private static void requireRuler() {
        if (!RulerHolder.AVAILABLE) {
            throw rulerMissing(null);
        }
    }

    private static CoherenceEventException rulerMissing(Throwable cause) {
        return CoherenceEventException.about("Missing dependency", "", "EventPattern.of validates with event-ruler, EventBridge's pattern "
                + "engine, which is not on the class path" + (cause == null ? "" : " (" + cause + ")") + ". Add the "
                + "dependency software.amazon.event.ruler:event-ruler (2.1.0 or later; coherence-events-bom manages "
                + "it), or build Coherence patterns with EventPattern.builder(), which does not need it.", cause);
    }

    /** Looks event-ruler up once, without initialising it. */
    private static final class RulerHolder {
        static final boolean AVAILABLE = isAvailable();

        private static boolean isAvailable() {
            try {
                Class.forName(RULER_CLASS, false, EventPattern.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /**
     * Builds a pattern that selects Coherence events ({@code "source": ["Coherence"]}), by detail-type, environment
     * name and application name. The pattern is valid by construction; {@link #build()} checks the arguments, all
     * at once, and says what to fix.
     *
     * <pre>{@code
     * EventPattern pattern = EventPattern.builder()
     *         .validEnvironments()
     *         .environmentNamesExcept("main", "staging")
     *         .applicationNames("12309ijsdf-your-app-name")
     *         .build();
     * }</pre>
     *
     * <h2>What a pattern selects</h2>
     *
     * <p>A pattern selects whole events; the event delivered still lists every environment, so apply the same
     * condition to {@code environments()} in your handler. Conditions combine like this:
     *
     * <ul>
     *   <li>Different kinds of condition must all hold (AND): detail-type, environment name, application name.
     *   <li>The values of one kind are alternatives (OR): {@code environmentNames("main")} with
     *       {@code environmentNamePrefixes("feature-")} selects an environment named {@code main} or starting with
     *       {@code feature-}; repeated calls add values.
     *   <li>{@link #or()} starts another group of conditions; the pattern selects an event that satisfies any group.
     * </ul>
     *
     * <p>The environment list lives under a different key per detail-type ({@code detail.new_environments[]},
     * {@code detail.valid_environments[]}). With one detail-type the conditions apply to its key only. Without a
     * detail-type, or with several, the pattern holds a {@code $or} over the keys, one branch per detail-type
     * ({@code new_environments} and {@code valid_environments} when none is chosen). A detail-type given by name
     * ({@link #detailTypes(String...)}) is taken to keep its environments under a key of the same name, as
     * Coherence's two do.
     *
     * <p>EventBridge matches lists element by element:
     *
     * <ul>
     *   <li>A name condition holds when <em>any</em> listed environment satisfies it. In particular
     *       {@code environmentNamesExcept("main")} selects an event listing at least one environment not named
     *       {@code main}; a {@code valid_environments} event that lists {@code main} and {@code feature-x} is
     *       selected. An event with an empty environment list satisfies no name or application condition.
     *   <li>A name condition together with an application condition must be satisfied by <em>the same</em>
     *       environment: event-ruler, EventBridge's engine, matches arrays consistently ({@code rulesForJSONEvent}),
     *       so an event whose environment {@code main} belongs to app {@code a} and whose environment
     *       {@code feature-x} belongs to app {@code b} is not selected by "named main in app b". (Measured with
     *       event-ruler; not yet recorded against AWS. Coherence sends one application's environments per bus, so
     *       this rarely matters.)
     * </ul>
     *
     * <p>Not thread-safe: use a builder from one thread; the patterns it builds are immutable.
     */
    public static final class Builder {

        private static final JsonFactory JSON = new JsonFactory();

        private final List<Group> groups = new ArrayList<>();

        private Builder() {
            groups.add(new Group());
        }

        /**
         * Selects {@value CoherenceBus#NEW_ENVIRONMENTS} events (the environments a run created).
         *
         * @return this builder
         */
        public Builder newEnvironments() {
            current().detailTypes.add(CoherenceBus.NEW_ENVIRONMENTS);
            return this;
        }

        /**
         * Selects {@value CoherenceBus#VALID_ENVIRONMENTS} events (every environment active now).
         *
         * @return this builder
         */
        public Builder validEnvironments() {
            current().detailTypes.add(CoherenceBus.VALID_ENVIRONMENTS);
            return this;
        }

        /**
         * Selects events of the given detail-types, for example one Coherence may add later. Their environments are
         * taken to be listed under {@code detail.<detail-type>}, as Coherence's two are.
         *
         * @param detailTypes one or more non-empty detail-types; {@code null} or empty is reported by {@link #build()}
         * @return this builder
         */
        public Builder detailTypes(String... detailTypes) {
            current().detailTypes.addAll(values("detailTypes", detailTypes,
                    "a detail-type is never empty; pass the event's detail-type, such as \"new_environments\""));
            return this;
        }

        /**
         * Selects events listing an environment with one of these names.
         *
         * @param names one or more non-empty environment names; {@code null} or empty is reported by {@link #build()}
         * @return this builder
         */
        public Builder environmentNames(String... names) {
            current().names.addAll(values("environmentNames", names,
                    "an environment name is never empty, so it would match nothing"));
            return this;
        }

        /**
         * Selects events listing an environment whose name starts with one of these prefixes.
         *
         * @param prefixes one or more non-empty prefixes, such as {@code "feature-"}; {@code null} or empty is
         *     reported by {@link #build()}
         * @return this builder
         */
        public Builder environmentNamePrefixes(String... prefixes) {
            current().prefixes.addAll(values("environmentNamePrefixes", prefixes,
                    "an empty prefix matches every name; leave the prefix out to select every environment"));
            return this;
        }

        /**
         * Selects events listing an environment whose name ends with one of these suffixes.
         *
         * @param suffixes one or more non-empty suffixes, such as {@code "-preview"}; {@code null} or empty is
         *     reported by {@link #build()}
         * @return this builder
         */
        public Builder environmentNameSuffixes(String... suffixes) {
            current().suffixes.addAll(values("environmentNameSuffixes", suffixes,
                    "an empty suffix matches every name; leave the suffix out to select every environment"));
            return this;
        }

        /**
         * Selects events listing an environment whose name is none of these (EventBridge's {@code anything-but}).
         * It cannot be combined with the other name conditions of the same group: they would be alternatives to it.
         *
         * <p>Mind what it means for a list: an event matches when <em>any</em> environment it lists is not excluded,
         * so a {@code valid_environments} event of several environments almost always matches, and EventBridge does
         * not remove the excluded ones from what it delivers. Matching it also costs 50–70 times a rule without a
         * list condition (BENCHMARKS.md). To act on some environments only, select the detail-type and filter in the
         * handler (or with {@link EnvironmentTracker}).
         *
         * @param names one or more non-empty environment names to exclude; {@code null} or empty is reported by
         *     {@link #build()}
         * @return this builder
         */
        public Builder environmentNamesExcept(String... names) {
            current().except.addAll(values("environmentNamesExcept", names,
                    "an environment name is never empty, so excluding it excludes nothing"));
            return this;
        }

        /**
         * Selects events listing an environment of one of these Coherence applications.
         *
         * @param names one or more non-empty application names, such as {@code "12309ijsdf-your-app-name"};
         *     {@code null} or empty is reported by {@link #build()}
         * @return this builder
         */
        public Builder applicationNames(String... names) {
            current().applications.addAll(values("applicationNames", names,
                    "an application name is never empty, so it would match nothing"));
            return this;
        }

        /**
         * Starts another group of conditions: the pattern selects events that satisfy the groups before or the group
         * after (EventBridge's {@code $or}). Each group needs at least one condition.
         *
         * @return this builder
         */
        public Builder or() {
            groups.add(new Group());
            return this;
        }

        /**
         * Builds the pattern, checking every argument given so far.
         *
         * @return the pattern, never {@code null}; it passes {@link EventPattern#of(String)} and is at most
         *     {@value EventPattern#DEFAULT_MAX_LENGTH} characters
         * @throws EventPatternException listing every problem and how to fix it
         */
        public EventPattern build() {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                Group group = groups.get(i);
                String where = groups.size() > 1 ? "group " + (i + 1) + ": " : "";
                for (String problem : group.problems) {
                    problems.add(where + problem);
                }
                group.check(where, groups.size() > 1, problems);
            }
            if (problems.isEmpty()) {
                String json = write();
                int length = json.codePointCount(0, json.length());
                if (length > DEFAULT_MAX_LENGTH) {
                    problems.add("the pattern would have " + length + " characters, above EventBridge's default "
                            + "quota of " + DEFAULT_MAX_LENGTH + "; match fewer values (a prefix can replace many "
                            + "names), or write the pattern yourself and check it with EventPattern.of(json, quota)");
                } else {
                    return new EventPattern(json);
                }
            }
            throw new EventPatternException("", "The builder's arguments cannot make a valid pattern: "
                    + String.join("; ", problems) + ".");
        }

        private Group current() {
            return groups.get(groups.size() - 1);
        }

        private List<String> values(String method, String[] values, String whyNotEmpty) {
            List<String> accepted = new ArrayList<>();
            List<String> problems = current().problems;
            if (values == null) {
                problems.add(method + "(null): pass one or more values");
                return accepted;
            }
            if (values.length == 0) {
                problems.add(method + "() was given no value; pass one or more");
                return accepted;
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    problems.add(method + ": value " + (i + 1) + " is null; pass a string");
                } else if (values[i].isEmpty()) {
                    problems.add(method + ": value " + (i + 1) + " is empty; " + whyNotEmpty);
                } else {
                    accepted.add(values[i]);
                }
            }
            return accepted;
        }

        private String write() {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("source");
                g.writeString(CoherenceBus.SOURCE);
                g.writeEndArray();
                if (groups.size() == 1) {
                    groups.get(0).writeMembers(g);
                } else {
                    g.writeArrayFieldStart("$or");
                    for (Group group : groups) {
                        g.writeStartObject();
                        group.writeMembers(g);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does no I/O
            }
            return out.toString();
        }
    }

    /** One group of conditions: what one branch of the builder's top-level {@code $or} selects. */
    private static final class Group {

        final Set<String> detailTypes = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> prefixes = new LinkedHashSet<>();
        final Set<String> suffixes = new LinkedHashSet<>();
        final Set<String> except = new LinkedHashSet<>();
        final Set<String> applications = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();

        boolean hasEnvironmentConditions() {
            return !names.isEmpty() || !prefixes.isEmpty() || !suffixes.isEmpty() || !except.isEmpty()
                    || !applications.isEmpty();
        }

        void check(String where, boolean several, List<String> out) {
            if (!except.isEmpty()
                    && (!names.isEmpty() || !prefixes.isEmpty() || !suffixes.isEmpty())) {
                out.add(where + "environmentNamesExcept cannot be combined with environmentNames, "
                        + "environmentNamePrefixes or environmentNameSuffixes: EventBridge ORs the conditions on one "
                        + "field, so the result would select every name but the excluded ones anyway; keep one kind");
            }
            if (several && detailTypes.isEmpty() && !hasEnvironmentConditions() && problems.isEmpty()) {
                out.add(where + "the group has no condition, so it would select every Coherence event and make the "
                        + "other groups pointless; add a condition after or(), or remove or()");
            }
            if (hasEnvironmentConditions()) {
                // The environment list's key is written inside a $or when there are several groups or several
                // detail-types, and event-ruler refuses its operator names as keys there (found by fuzzing).
                boolean insideOr = several || detailTypes.size() > 1;
                for (String detailType : detailTypes) {
                    if (detailType.indexOf('.') >= 0) {
                        // EventBridge reads a dot in a key as a path: {"a.b": …} is {"a": {"b": …}}.
                        out.add(where + "detailTypes(\"" + detailType + "\") cannot name the key of an environment "
                                + "list, since EventBridge reads the '.' in a key as a path (\"" + detailType
                                + "\" would mean a nested member); select it without environment conditions");
                    } else if (detailType.equals("$or")) {
                        out.add(where + "detailTypes(\"$or\") cannot name the key of an environment list, since "
                                + "\"$or\" is EventBridge's operator; select it without environment conditions");
                    } else if (insideOr && RESERVED_INSIDE_OR.contains(detailType)) {
                        out.add(where + "detailTypes(\"" + detailType + "\") cannot name the key of an environment "
                                + "list inside $or, where EventBridge reserves \"" + detailType + "\" for its "
                                + "operators; select it alone, in a pattern with one group, or without environment "
                                + "conditions");
                    }
                }
            }
        }

        void writeMembers(JsonGenerator g) throws IOException {
            if (!detailTypes.isEmpty()) {
                g.writeArrayFieldStart("detail-type");
                for (String detailType : detailTypes) {
                    g.writeString(detailType);
                }
                g.writeEndArray();
            }
            if (!hasEnvironmentConditions()) {
                return;
            }
            // Each detail-type keeps its environments under its own key, so a condition without a single
            // detail-type needs one $or branch per key.
            List<String> keys = detailTypes.isEmpty()
                    ? List.of(CoherenceBus.NEW_ENVIRONMENTS, CoherenceBus.VALID_ENVIRONMENTS)
                    : List.copyOf(detailTypes);
            g.writeObjectFieldStart("detail");
            if (keys.size() == 1) {
                writeList(g, keys.get(0));
            } else {
                g.writeArrayFieldStart("$or");
                for (String key : keys) {
                    g.writeStartObject();
                    writeList(g, key);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }

        /** Writes {@code "key": {"environment_name": [...], "application_name": [...]}}. */
        private void writeList(JsonGenerator g, String key) throws IOException {
            g.writeObjectFieldStart(key);
            if (!names.isEmpty() || !prefixes.isEmpty() || !suffixes.isEmpty() || !except.isEmpty()) {
                g.writeArrayFieldStart("environment_name");
                for (String name : names) {
                    g.writeString(name);
                }
                for (String prefix : prefixes) {
                    g.writeStartObject();
                    g.writeStringField("prefix", prefix);
                    g.writeEndObject();
                }
                for (String suffix : suffixes) {
                    g.writeStartObject();
                    g.writeStringField("suffix", suffix);
                    g.writeEndObject();
                }
                if (!except.isEmpty()) {
                    g.writeStartObject();
                    if (except.size() == 1) {
                        g.writeStringField("anything-but", except.iterator().next());
                    } else {
                        g.writeArrayFieldStart("anything-but");
                        for (String name : except) {
                            g.writeString(name);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!applications.isEmpty()) {
                g.writeArrayFieldStart("application_name");
                for (String application : applications) {
                    g.writeString(application);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }
}
