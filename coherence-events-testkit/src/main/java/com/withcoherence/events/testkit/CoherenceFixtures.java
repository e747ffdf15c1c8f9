package com.withcoherence.events.testkit;

import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import com.withcoherence.events.model.UnknownCoherenceEvent;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Realistic Coherence events for tests: the two documented events verbatim, and builders for any other, with
 * deterministic ids, CloudFront ids, names and times drawn from a seed so that a failing test can be replayed.
 *
 * <pre>{@code
 * NewEnvironmentsEvent documented = CoherenceFixtures.documentedNewEnvironments();
 *
 * CoherenceFixtures fixtures = CoherenceFixtures.seeded(42);
 * ValidEnvironmentsEvent active = fixtures.event().environment("main").environmentsWithPrefix("feature-", 3)
 *         .validEnvironments();
 * List<CoherenceEvent> history = fixtures.scenario()
 *         .create("main", "staging")
 *         .nextRun().create("feature-login").remove("staging")
 *         .events();   // new_environments + valid_environments for each run
 * }</pre>
 *
 * <p>The documented events are classpath resources ({@value #DOCUMENTED_NEW_ENVIRONMENTS_RESOURCE} and
 * {@value #DOCUMENTED_VALID_ENVIRONMENTS_RESOURCE}), byte for byte as Coherence's documentation publishes them
 * (their account id has 10 digits and their CloudFront ids are not real ones). Everything here is plain Java, usable
 * from any test framework.
 *
 * <p>The static methods are thread-safe. An instance holds the random sequence of its seed and is not thread-safe:
 * use one per test (the same seed gives the same events when the same calls are made in the same order).
 */
public final class CoherenceFixtures {

    /** The classpath resource holding the documented {@code new_environments} event: {@value}. */
    public static final String DOCUMENTED_NEW_ENVIRONMENTS_RESOURCE =
            "/com/withcoherence/events/testkit/documented/new-environments.json";

    /** The classpath resource holding the documented {@code valid_environments} event: {@value}. */
    public static final String DOCUMENTED_VALID_ENVIRONMENTS_RESOURCE =
            "/com/withcoherence/events/testkit/documented/valid-environments.json";

    /** The application name and hash of the documented events: {@value}. */
    public static final String DOCUMENTED_APPLICATION = "12309ijsdf-your-app-name";

    /** The account id of events built here unless set: {@value}, the in-memory bridge's default account. */
    public static final String DEFAULT_ACCOUNT = InMemoryEventBridge.DEFAULT_ACCOUNT;

    /** The Region of events built here unless set: {@value}. */
    public static final String DEFAULT_REGION = InMemoryEventBridge.DEFAULT_REGION;

    /** When the first event built by a fixtures instance happens: the documented event's time. */
    public static final Instant DEFAULT_START_TIME = Instant.parse("2023-05-19T13:56:16Z");

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] WORDS = {
        "login", "search", "checkout", "billing", "profile", "onboarding", "dashboard", "reports", "payments",
        "settings", "signup", "export", "import", "alerts", "audit", "cart", "catalog", "chat", "docs", "feed",
        "inbox", "invoices", "maps", "media", "metrics", "orders", "pricing", "queue", "ranking", "sharing",
    };
    private static final Duration EVENT_SPACING = Duration.ofSeconds(20);
    private static final Duration RUN_SPACING = Duration.ofHours(1);

    /** How precisely event times are written: EventBridge sends whole seconds; parsers must accept fractions too. */
    public enum TimePrecision {
        /** Whole seconds, as EventBridge writes {@code time}: {@code 2023-05-19T13:56:16Z}. */
        SECONDS,
        /** Milliseconds, as a hand-made or replayed event may have: {@code 2023-05-19T13:56:16.123Z}. */
        MILLISECONDS
    }

    private final long seed;
    private final SplittableRandom random;
    private Instant clock = DEFAULT_START_TIME;

    private CoherenceFixtures(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Returns fixtures whose random choices follow {@code seed}.
     *
     * @param seed the seed; log it with a failing test to replay it
     * @return new fixtures, never {@code null}
     */
    public static CoherenceFixtures seeded(long seed) {
        return new CoherenceFixtures(seed);
    }

    /**
     * Returns the seed these fixtures were made with.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The documented events

    /**
     * Returns the documented {@code new_environments} event's JSON, byte for byte as published (pretty-printed).
     *
     * @return the JSON text, never {@code null}
     */
    public static String documentedNewEnvironmentsJson() {
        return resource(DOCUMENTED_NEW_ENVIRONMENTS_RESOURCE);
    }

    /**
     * Returns the documented {@code valid_environments} event's JSON, byte for byte as published (pretty-printed).
     *
     * @return the JSON text, never {@code null}
     */
    public static String documentedValidEnvironmentsJson() {
        return resource(DOCUMENTED_VALID_ENVIRONMENTS_RESOURCE);
    }

    /**
     * Returns the documented {@code new_environments} event, parsed: one environment, {@code another-test-env}.
     *
     * @return the event, never {@code null}
     */
    public static NewEnvironmentsEvent documentedNewEnvironments() {
        return (NewEnvironmentsEvent) CoherenceEvents.parse(documentedNewEnvironmentsJson());
    }

    /**
     * Returns the documented {@code valid_environments} event, parsed: four environments, {@code main} first.
     *
     * @return the event, never {@code null}
     */
    public static ValidEnvironmentsEvent documentedValidEnvironments() {
        return (ValidEnvironmentsEvent) CoherenceEvents.parse(documentedValidEnvironmentsJson());
    }

    /**
     * Returns the bus Coherence sends the documented application's events to,
     * {@code 12309ijsdf-your-app-name-coherence-events}.
     *
     * @return the bus, never {@code null}
     */
    public static CoherenceBus documentedBus() {
        return CoherenceBus.forApp(DOCUMENTED_APPLICATION);
    }

    private static String resource(String name) {
        try (InputStream in = CoherenceFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the testkit resource " + name + " is missing from the classpath; "
                        + "the coherence-events-testkit jar is incomplete.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the testkit resource " + name + " failed", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generated values

    /**
     * Returns a new event id in EventBridge's form (a UUID), the next of this seed's sequence.
     *
     * @return the id, never {@code null}
     */
    public String eventId() {
        return EventIds.uuid(random.nextLong(), random.nextLong());
    }

    /**
     * Returns a new CloudFront distribution id: {@code E} and 13 upper-case letters and digits, as real ids look.
     *
     * @return the id, never {@code null}
     */
    public String cloudfrontId() {
        StringBuilder id = new StringBuilder(14).append('E');
        for (int i = 0; i < 13; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Returns an environment of the documented application with a new CloudFront id.
     *
     * @param environmentName the environment's name; must not be {@code null} or empty
     * @return the environment, never {@code null}
     * @throws com.withcoherence.events.model.CoherenceEventException if the name is {@code null} or empty
     */
    public Environment environment(String environmentName) {
        return new Environment(cloudfrontId(), environmentName, DOCUMENTED_APPLICATION);
    }

    /**
     * Starts an event: by default of the documented application, in {@value #DEFAULT_ACCOUNT} and
     * {@value #DEFAULT_REGION}, with a new id, the next time of these fixtures (20 seconds after the previous event),
     * whole seconds, no resources and no environments.
     *
     * @return a new builder, never {@code null}
     */
    public EventBuilder event() {
        return new EventBuilder(this);
    }

    /**
     * Starts a scenario: the events Coherence sends as environments come and go, run after run.
     *
     * @return a new scenario of the documented application, never {@code null}
     */
    public Scenario scenario() {
        return new Scenario(this);
    }

    private Instant nextTime(Duration gap) {
        Instant time = clock;
        clock = clock.plus(gap);
        return time;
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Builds one Coherence event. Start one with {@link CoherenceFixtures#event()}; end it with
     * {@link #newEnvironments()}, {@link #validEnvironments()} or {@link #unknown(String, String)}. Not thread-safe.
     */
    public static final class EventBuilder {
        private final CoherenceFixtures fixtures;
        private String application = DOCUMENTED_APPLICATION;
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private String id;
        private Instant time;
        private TimePrecision precision = TimePrecision.SECONDS;
        private List<String> resources = List.of();
        private final List<Object> environments = new ArrayList<>();

        private EventBuilder(CoherenceFixtures fixtures) {
            this.fixtures = fixtures;
        }

        /**
         * Sets the application the environments belong to.
         *
         * @param applicationName the application's name and hash; must not be {@code null} or empty
         * @return this builder
         */
        public EventBuilder application(String applicationName) {
            this.application = applicationName;
            return this;
        }

        /**
         * Sets the account id.
         *
         * @param account the account id; must not be {@code null} or empty
         * @return this builder
         */
        public EventBuilder account(String account) {
            this.account = account;
            return this;
        }

        /**
         * Sets the Region.
         *
         * @param region the Region; must not be {@code null} or empty
         * @return this builder
         */
        public EventBuilder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * Sets the event id instead of a generated one.
         *
         * @param id the id; must not be {@code null} or empty
         * @return this builder
         */
        public EventBuilder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the time instead of the fixtures' next time. With {@link TimePrecision#SECONDS} it is truncated to
         * whole seconds.
         *
         * @param time the time; must not be {@code null}
         * @return this builder
         */
        public EventBuilder time(Instant time) {
            this.time = time;
            return this;
        }

        /**
         * Sets how precisely the time is written.
         *
         * @param precision {@link TimePrecision#SECONDS} (EventBridge's) or {@link TimePrecision#MILLISECONDS},
         *     which gives a generated time a random millisecond part
         * @return this builder
         */
        public EventBuilder timePrecision(TimePrecision precision) {
            this.precision = precision;
            return this;
        }

        /**
         * Sets the envelope's resources; Coherence sends none.
         *
         * @param resources the resource ARNs; must not be {@code null} or hold {@code null}
         * @return this builder
         */
        public EventBuilder resources(List<String> resources) {
            this.resources = resources;
            return this;
        }

        /**
         * Adds an environment of the builder's application with a generated CloudFront id.
         *
         * @param environmentName the environment's name; must not be {@code null} or empty
         * @return this builder
         */
        public EventBuilder environment(String environmentName) {
            environments.add(environmentName);
            return this;
        }

        /**
         * Adds an environment as it is.
         *
         * @param environment the environment; must not be {@code null}
         * @return this builder
         */
        public EventBuilder environment(Environment environment) {
            environments.add(environment);
            return this;
        }

        /**
         * Adds several environments as they are.
         *
         * @param environments the environments; must not be {@code null} or hold {@code null}
         * @return this builder
         */
        public EventBuilder environments(List<Environment> environments) {
            this.environments.addAll(environments);
            return this;
        }

        /**
         * Adds {@code count} environments with generated, distinct names ({@code main} first, then names such as
         * {@code feature-login}).
         *
         * @param count how many, 0 or more
         * @return this builder
         */
        public EventBuilder environments(int count) {
            for (int i = 0; i < count; i++) {
                environments.add(i == 0 && !environments.contains("main") ? "main" : new Prefix("feature-"));
            }
            return this;
        }

        /**
         * Adds {@code count} environments whose generated, distinct names start with {@code prefix}, such as
         * {@code preview-billing} for {@code preview-}.
         *
         * @param prefix the names' prefix; must not be {@code null}
         * @param count how many, 0 or more
         * @return this builder
         */
        public EventBuilder environmentsWithPrefix(String prefix, int count) {
            for (int i = 0; i < count; i++) {
                environments.add(new Prefix(prefix));
            }
            return this;
        }

        /**
         * Builds a {@code new_environments} event.
         *
         * @return the event, never {@code null}
         * @throws com.withcoherence.events.model.CoherenceEventException if a member set is not valid
         */
        public NewEnvironmentsEvent newEnvironments() {
            return new NewEnvironmentsEvent("0", id(), account, time(), region, resources, resolve());
        }

        /**
         * Builds a {@code valid_environments} event.
         *
         * @return the event, never {@code null}
         * @throws com.withcoherence.events.model.CoherenceEventException if a member set is not valid
         */
        public ValidEnvironmentsEvent validEnvironments() {
            return new ValidEnvironmentsEvent("0", id(), account, time(), region, resources, resolve());
        }

        /**
         * Builds an event of a detail-type this library does not know, as Coherence may add one.
         *
         * @param detailType the detail-type, such as {@code environment_paused}; must not be {@code null} or empty
         * @param detailJson the detail, one JSON object; must not be {@code null}
         * @return the event, never {@code null}
         * @throws com.withcoherence.events.model.CoherenceEventException if a member is not valid
         */
        public UnknownCoherenceEvent unknown(String detailType, String detailJson) {
            return new UnknownCoherenceEvent("0", id(), detailType, account, time(), region, resources, detailJson);
        }

        private String id() {
            return id != null ? id : fixtures.eventId();
        }

        private Instant time() {
            Instant base = time != null ? time : fixtures.nextTime(EVENT_SPACING);
            if (precision == TimePrecision.SECONDS) {
                return base.truncatedTo(ChronoUnit.SECONDS);
            }
            int millis = time != null ? base.getNano() / 1_000_000 : 1 + fixtures.random.nextInt(999);
            return base.truncatedTo(ChronoUnit.SECONDS).plusMillis(millis);
        }

        private List<Environment> resolve() {
            Set<String> names = new HashSet<>();
            for (Object environment : environments) {
                if (environment instanceof String) {
                    names.add((String) environment);
                } else if (environment instanceof Environment) {
                    names.add(((Environment) environment).environmentName());
                }
            }
            List<Environment> resolved = new ArrayList<>(environments.size());
            for (Object environment : environments) {
                if (environment instanceof Environment) {
                    resolved.add((Environment) environment);
                } else if (environment instanceof String) {
                    resolved.add(new Environment(fixtures.cloudfrontId(), (String) environment, application));
                } else {
                    String name = uniqueName(((Prefix) environment).prefix, names);
                    resolved.add(new Environment(fixtures.cloudfrontId(), name, application));
                }
            }
            return resolved;
        }

        private String uniqueName(String prefix, Set<String> taken) {
            for (int attempt = 0; ; attempt++) {
                String name = prefix + fixtures.word() + (attempt < 8 ? "" : "-" + attempt);
                if (taken.add(name)) {
                    return name;
                }
            }
        }

        /** A generated name with a prefix, resolved when the event is built. */
        private static final class Prefix {
            final String prefix;

            Prefix(String prefix) {
                if (prefix == null) {
                    throw new IllegalArgumentException("prefix must not be null; pass \"\" for none");
                }
                this.prefix = prefix;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The events Coherence sends as environments come and go: for every run a {@code new_environments} event (the
     * environments that run created, possibly none) followed by a {@code valid_environments} event (every
     * environment active after it). Runs are an hour apart and the two events of a run 20 seconds apart. Not
     * thread-safe.
     *
     * <pre>{@code
     * List<CoherenceEvent> events = fixtures.scenario()
     *         .create("main")                                  // run 1
     *         .nextRun().create("feature-a", "feature-b")      // run 2
     *         .nextRun().remove("feature-a").redeploy("main")  // run 3: main gets a new CloudFront id
     *         .events();                                       // 6 events
     * }</pre>
     */
    public static final class Scenario {
        private final CoherenceFixtures fixtures;
        private String application = DOCUMENTED_APPLICATION;
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private final Map<String, Environment> active = new LinkedHashMap<>();
        private final List<Environment> createdThisRun = new ArrayList<>();
        private final List<CoherenceEvent> events = new ArrayList<>();
        private boolean runOpen = true;

        private Scenario(CoherenceFixtures fixtures) {
            this.fixtures = fixtures;
        }

        /**
         * Sets the application, account and Region of the scenario's events; call before the first change.
         *
         * @param applicationName the application's name and hash; must not be {@code null} or empty
         * @param account the account id; must not be {@code null} or empty
         * @param region the Region; must not be {@code null} or empty
         * @return this scenario
         */
        public Scenario of(String applicationName, String account, String region) {
            this.application = applicationName;
            this.account = account;
            this.region = region;
            return this;
        }

        /**
         * Creates environments in the current run.
         *
         * @param environmentNames the names, none of them active already
         * @return this scenario
         * @throws IllegalArgumentException if a name is {@code null}, empty or already active
         */
        public Scenario create(String... environmentNames) {
            runOpen = true;
            for (String name : checked(environmentNames)) {
                if (active.containsKey(name)) {
                    throw new IllegalArgumentException("environment '" + name + "' is already active; active now: "
                            + active.keySet());
                }
                Environment environment = new Environment(fixtures.cloudfrontId(), name, application);
                active.put(name, environment);
                createdThisRun.add(environment);
            }
            return this;
        }

        /**
         * Removes environments in the current run; Coherence announces a removal only by leaving the environment out
         * of the next {@code valid_environments} event.
         *
         * @param environmentNames the names, all of them active
         * @return this scenario
         * @throws IllegalArgumentException if a name is {@code null}, empty or not active
         */
        public Scenario remove(String... environmentNames) {
            runOpen = true;
            for (String name : checked(environmentNames)) {
                if (active.remove(name) == null) {
                    throw new IllegalArgumentException("environment '" + name + "' is not active; active now: "
                            + active.keySet());
                }
                createdThisRun.removeIf(environment -> environment.environmentName().equals(name));
            }
            return this;
        }

        /**
         * Gives active environments a new CloudFront distribution in the current run, as a rebuild may.
         *
         * @param environmentNames the names, all of them active
         * @return this scenario
         * @throws IllegalArgumentException if a name is {@code null}, empty or not active
         */
        public Scenario redeploy(String... environmentNames) {
            runOpen = true;
            for (String name : checked(environmentNames)) {
                if (!active.containsKey(name)) {
                    throw new IllegalArgumentException("environment '" + name + "' is not active; active now: "
                            + active.keySet());
                }
                active.put(name, new Environment(fixtures.cloudfrontId(), name, application));
            }
            return this;
        }

        /**
         * Ends the current run, emitting its two events, and starts the next one.
         *
         * @return this scenario
         */
        public Scenario nextRun() {
            closeRun();
            runOpen = true;
            return this;
        }

        /**
         * Ends the current run and returns every event of the scenario in the order Coherence sends them.
         *
         * @return an unmodifiable list of two events per run, never {@code null}
         */
        public List<CoherenceEvent> events() {
            closeRun();
            return List.copyOf(events);
        }

        /**
         * Returns the environments active now, in the order they were created.
         *
         * @return an unmodifiable list, possibly empty, never {@code null}
         */
        public List<Environment> activeEnvironments() {
            return List.copyOf(active.values());
        }

        private void closeRun() {
            if (!runOpen) {
                return;
            }
            Instant runStart = fixtures.nextTime(RUN_SPACING);
            events.add(new NewEnvironmentsEvent("0", fixtures.eventId(), account, runStart, region, List.of(),
                    createdThisRun));
            events.add(new ValidEnvironmentsEvent("0", fixtures.eventId(), account, runStart.plus(EVENT_SPACING),
                    region, List.of(), List.copyOf(active.values())));
            createdThisRun.clear();
            runOpen = false;
        }

        private static List<String> checked(String[] names) {
            if (names == null) {
                throw new IllegalArgumentException("environment names must not be null");
            }
            for (String name : names) {
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("environment names must be non-empty strings but got "
                            + Arrays.toString(names));
                }
            }
            return Arrays.asList(names);
        }
    }
}
