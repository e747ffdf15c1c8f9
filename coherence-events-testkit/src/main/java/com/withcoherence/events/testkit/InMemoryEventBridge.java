package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.EventPattern;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An in-memory Amazon EventBridge: buses, rules, targets and PutEvents with the service's semantics, matched by
 * AWS's own engine (event-ruler), delivering to Java code or recording deliveries, on a clock the test controls.
 *
 * <pre>{@code
 * InMemoryEventBridge bridge = InMemoryEventBridge.create();
 * String bus = "12309ijsdf-your-app-name-coherence-events";
 * String logEvents = "arn:aws:lambda:us-east-1:123456789012:function:log-events";
 * bridge.createEventBus(bus);
 * bridge.putRule(RuleDefinition.of("new-environments", bus,
 *         "{\"source\": [\"Coherence\"], \"detail-type\": [\"new_environments\"]}"));
 * bridge.putTargets(bus, "new-environments", List.of(Target.of("log-events", logEvents)));
 * bridge.onEvent(logEvents, event -> handler.handle(event));
 *
 * bridge.putEvents(bus, CoherenceFixtures.documentedNewEnvironments(),
 *         CoherenceFixtures.documentedValidEnvironments());
 * bridge.deliveryLog().assertDeliveredTo(logEvents, 1);
 * }</pre>
 *
 * <h2>The API</h2>
 * Each public operation mirrors one EventBridge API operation (CreateEventBus, DescribeEventBus, ListEventBuses,
 * DeleteEventBus, PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, PutTargets,
 * ListTargetsByRule, RemoveTargets, ListRuleNamesByTarget, PutEvents, TestEventPattern, TagResource, UntagResource,
 * ListTagsForResource, CreateArchive, StartReplay), with its members, defaults, quotas (300 rules per bus, 5 targets
 * per rule, 10 entries and 256 KB per PutEvents, 100 buses), and its errors, thrown as
 * {@link EventBridgeServiceException} with AWS's error code and message before anything changes. Buses are named by
 * name or ARN wherever the API allows both; {@code null} means {@code default}; an ARN of another account names a
 * bus of that account, never this bridge's bus of the same name. PutRule is an upsert that keeps the
 * rule's targets. PutEvents answers per entry ({@code InvalidArgument}, {@code MalformedDetail}) and accepts, then
 * drops, an event for a bus that does not exist, as AWS does (the {@link DeliveryLog#diagnostics()} show it).
 *
 * <h2>Matching</h2>
 * Patterns are checked when a rule is put, as EventBridge checks them, by the model's
 * {@link com.withcoherence.events.model.EventPattern#of(String, int) EventPattern.of} against the account's
 * pattern-size quota ({@link Builder#maxPatternLength(int)}, 2,048 characters by default), and rejected with the
 * service's error ({@code InvalidEventPatternException}, "Event pattern is not valid. Reason: …"). Each bus routes
 * with an event-ruler {@code Machine} built from its enabled rules and rebuilt whenever they change; events are matched with {@code rulesForJSONEvent}, the
 * array-consistent matcher. For Coherence this decides how a list of environments matches: a pattern on several
 * fields of {@code detail.valid_environments} (or {@code new_environments}) matches only when <em>one</em>
 * environment satisfies all of them. With {@code [{main, E1}, {feature-x, E2}]},
 * <code>{"detail": {"valid_environments": {"environment_name": ["main"], "cloudfront_id": ["E2"]}}}</code> does not
 * match (the two values belong to different environments) while {@code "cloudfront_id": ["E1"]} does; a pattern on
 * one field matches when any environment satisfies it. (event-ruler's deprecated {@code rulesForEvent}, and some
 * emulators, match the first pattern too; AWS has not published which EventBridge does, and this bus follows
 * AWS's engine.)
 *
 * <h2>Delivery</h2>
 * A target is an ARN. Deliveries to an ARN with a handler bound by {@link #onEvent} or {@link #onJson} invoke it;
 * every delivery is recorded in the {@link #deliveryLog()}. Before delivery the target's {@code Input},
 * {@code InputPath} or {@code InputTransformer} is applied as EventBridge applies it: JSONPath in dot notation with
 * indices and wildcards; a template starting with <code>{</code> or {@code [} is JSON, where a variable outside a
 * string is inserted as JSON (strings quoted, a path that selects nothing as {@code ""}) and inside a string as text
 * (objects and arrays lose their quotes); any other template inserts text; values are not escaped; the predefined
 * {@code <aws.events.rule-arn>}, {@code <aws.events.rule-name>}, {@code <aws.events.event.ingestion-time>},
 * {@code <aws.events.event>} (the envelope without detail) and {@code <aws.events.event.json>} are available.
 *
 * <p>Delivery is synchronous by default: {@code putEvents} returns after every handler ran. With
 * {@link Builder#executor(Executor)} deliveries run on the executor and {@link #awaitDeliveries(Duration)} waits for
 * them. A handler that throws fails the attempt; it is retried per the target's {@link RetryPolicy} when the clock
 * reaches the retry ({@link #advanceClock(Duration)}, {@link #advanceUntilIdle()}), and when retries run out the
 * event goes to the target's dead-letter queue with EventBridge's attributes, or is dropped and recorded as such.
 * {@link #chaos(Chaos)} adds duplicates, delays and reordering on demand.
 *
 * <p>The clock never moves by itself: it starts at {@link Builder#startTime(Instant)} and moves only through
 * {@link #advanceClock(Duration)} and {@link #advanceUntilIdle()}; no operation waits in real time.
 *
 * <p>Instances are thread-safe. Any number of threads may put events while others change rules: each PutEvents
 * routes with a consistent snapshot of its bus, and no delivery is lost or duplicated unless chaos asks for it.
 * Handlers run in the thread that put the event (or on the executor) and must be thread-safe when events are put
 * concurrently.
 */
public final class InMemoryEventBridge implements AutoCloseable {

    /** The account id of a bridge built without {@link Builder#account(String)}: {@value}. */
    public static final String DEFAULT_ACCOUNT = "123456789012";

    /** The Region of a bridge built without {@link Builder#region(String)}: {@value}. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Where the clock starts without {@link Builder#startTime(Instant)}: the documented Coherence event's time. */
    public static final Instant DEFAULT_START_TIME = Instant.parse("2023-05-19T13:56:16Z");

    /** Targets one rule may have: {@value}. */
    public static final int MAX_TARGETS_PER_RULE = 5;

    /** Entries one PutEvents call may carry: {@value}. */
    public static final int MAX_ENTRIES_PER_PUT_EVENTS = 10;

    /** The largest total entry size of one PutEvents call, in bytes, as AWS computes it: {@value}. */
    public static final int MAX_PUT_EVENTS_SIZE = 256 * 1024;

    /** Rules per bus without {@link Builder#maxRulesPerBus(int)}: the default quota, {@value}. */
    public static final int DEFAULT_MAX_RULES_PER_BUS = 300;

    /** Event buses per account, the default bus included: {@value}. */
    public static final int MAX_EVENT_BUSES = 100;

    private static final String DEFAULT_BUS = Values.DEFAULT_BUS;
    private static final Pattern PUT_EVENTS_BUS_NAME = Pattern.compile(
            "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus/)?[\\.\\-_A-Za-z0-9]+");
    private static final String PUT_EVENTS_BUS_NAME_TEXT =
            "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+";
    /** The request path of each PutEvents entry, as AWS names it in validation messages. */
    private static final String[] ENTRY_MEMBERS = new String[MAX_ENTRIES_PER_PUT_EVENTS];

    static {
        for (int i = 0; i < ENTRY_MEMBERS.length; i++) {
            ENTRY_MEMBERS[i] = "entries." + (i + 1) + ".member";
        }
    }

    private static final Pattern ARCHIVE_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]+");
    private static final String[] TEST_EVENT_REQUIRED = {"id", "account", "source", "time", "region", "detail-type"};

    private final String account;
    private final String region;
    private final SimulatedClock clock;
    private final EventIds eventIds;
    private final DeliveryLog log;
    private final Dispatcher dispatcher;
    private final int maxRulesPerBus;
    private final int maxPatternLength;

    /** The last event time written and its text: events put within one second share it (saves a format each). */
    private volatile TimeText lastTime = new TimeText(Instant.EPOCH, Instant.EPOCH.toString());

    /** Guards every definition below; PutEvents never takes it. */
    private final Object lock = new Object();
    private final TreeMap<String, BusState> buses = new TreeMap<>();
    private final TreeMap<String, Routing.ArchiveStore> archives = new TreeMap<>();
    private final Map<String, Replay> replays = new LinkedHashMap<>();
    /** One routing snapshot per bus, replaced whole on every change (copy-on-write). */
    private volatile Map<String, Routing> routing = Map.of();

    private InMemoryEventBridge(Builder builder) {
        this.account = builder.account;
        this.region = builder.region;
        this.clock = new SimulatedClock(builder.startTime);
        this.log = new DeliveryLog(builder.deliveryLogCapacity);
        this.eventIds = new EventIds(builder.eventIdSeed);
        this.dispatcher = new Dispatcher(clock, builder.executor, log);
        this.dispatcher.chaos(builder.chaos);
        this.maxRulesPerBus = builder.maxRulesPerBus;
        this.maxPatternLength = builder.maxPatternLength;
        synchronized (lock) {
            BusState defaultBus = new BusState(DEFAULT_BUS, busArn(DEFAULT_BUS), Optional.empty(), clock.instant());
            buses.put(DEFAULT_BUS, defaultBus);
            publish(defaultBus);
        }
    }

    /**
     * Returns a bridge with the default account, Region and start time, synchronous delivery and random event ids.
     *
     * @return a new bridge with only the {@code default} bus, never {@code null}
     */
    public static InMemoryEventBridge create() {
        return builder().build();
    }

    /**
     * Starts configuring a bridge.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Identity, clock, log, chaos, handlers

    /**
     * Returns the account id the bridge puts in envelopes and ARNs.
     *
     * @return the account id, never {@code null}
     */
    public String account() {
        return account;
    }

    /**
     * Returns the Region the bridge puts in envelopes and ARNs.
     *
     * @return the Region, never {@code null}
     */
    public String region() {
        return region;
    }

    /**
     * Returns the bridge's clock, for code under test that needs the time the bridge sees. It moves only when
     * {@link #advanceClock(Duration)} or {@link #advanceUntilIdle()} moves it.
     *
     * @return the clock (UTC), never {@code null}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Moves the clock forward, making on the way every retry and delayed delivery that falls due, in time order, with
     * the clock set to each one's time while it runs.
     *
     * @param amount how far to move; must not be {@code null} or negative
     * @throws IllegalArgumentException if {@code amount} is {@code null} or negative
     */
    public void advanceClock(Duration amount) {
        if (amount == null || amount.isNegative()) {
            throw new IllegalArgumentException("amount must be zero or positive but was " + amount
                    + "; the bridge's clock only moves forward.");
        }
        dispatcher.advanceClock(amount);
    }

    /**
     * Moves the clock to each waiting retry and delayed delivery in turn until none is left: every failing delivery
     * then has reached its dead-letter queue, however long its retry policy.
     *
     * @return how far the clock moved, never {@code null}
     */
    public Duration advanceUntilIdle() {
        return dispatcher.advanceUntilIdle();
    }

    /**
     * Returns how many delivery attempts wait for the clock (retries and chaos delays).
     *
     * @return the count
     */
    public int pendingDeliveries() {
        return dispatcher.pendingCount();
    }

    /**
     * Waits until no delivery runs on the executor configured with {@link Builder#executor(Executor)}. With
     * synchronous delivery it returns at once. Attempts waiting for the clock are not waited for.
     *
     * @param timeout the longest time to wait; must not be {@code null}
     * @return {@code true} if no delivery is running, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws Error the first {@link Error} (such as a failed assertion) a handler threw on the executor
     * @throws IllegalArgumentException if {@code timeout} is {@code null}
     */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        return dispatcher.awaitIdle(timeout);
    }

    /**
     * Returns the log of everything delivered, failed, given up and dropped.
     *
     * @return the log, the same instance for the bridge's lifetime; never {@code null}
     */
    public DeliveryLog deliveryLog() {
        return log;
    }

    /**
     * Sets the chaos applied to deliveries from now on; {@link Chaos#NONE} turns it off.
     *
     * @param chaos the chaos; must not be {@code null}
     * @throws IllegalArgumentException if {@code chaos} is {@code null}
     */
    public void chaos(Chaos chaos) {
        if (chaos == null) {
            throw new IllegalArgumentException("chaos must not be null; pass Chaos.NONE to turn chaos off");
        }
        dispatcher.chaos(chaos);
    }

    /**
     * Returns the chaos applied to deliveries.
     *
     * @return the chaos, {@link Chaos#NONE} by default; never {@code null}
     */
    public Chaos chaos() {
        return dispatcher.chaos();
    }

    /**
     * Binds a handler of parsed Coherence events to a target ARN: each delivery to the ARN is parsed with
     * {@link CoherenceEvents#parse(String)} and handed to it. A payload that is not a Coherence event (another
     * source, or a target whose input transformation delivers part of the event) fails the delivery, as it would
     * fail a handler in AWS. Replaces any handler bound to the ARN.
     *
     * @param targetArn the target's ARN; must not be {@code null}
     * @param handler the handler; must not be {@code null}
     * @throws IllegalArgumentException if an argument is {@code null}
     */
    public void onEvent(String targetArn, TargetHandler<CoherenceEvent> handler) {
        checkBinding(targetArn, handler);
        dispatcher.bind(targetArn, payload -> handler.handle(CoherenceEvents.parse(payload)));
    }

    /**
     * Binds a handler of delivered JSON text to a target ARN: it receives each payload exactly as delivered. Replaces
     * any handler bound to the ARN.
     *
     * @param targetArn the target's ARN; must not be {@code null}
     * @param handler the handler; must not be {@code null}
     * @throws IllegalArgumentException if an argument is {@code null}
     */
    public void onJson(String targetArn, TargetHandler<String> handler) {
        checkBinding(targetArn, handler);
        dispatcher.bind(targetArn, handler::handle);
    }

    /**
     * Removes the handler bound to a target ARN; deliveries to it are then only recorded.
     *
     * @param targetArn the target's ARN; {@code null} does nothing
     */
    public void unbind(String targetArn) {
        if (targetArn != null) {
            dispatcher.unbind(targetArn);
        }
    }

    private static void checkBinding(String targetArn, Object handler) {
        if (targetArn == null || handler == null) {
            throw new IllegalArgumentException("targetArn and handler must not be null; bind a handler to the ARN "
                    + "of a rule's target");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Event buses

    /**
     * Creates a custom event bus (CreateEventBus).
     *
     * @param name the bus's name: 1 to 256 of {@code . - _ A-Z a-z 0-9}
     * @return the bus's ARN, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceAlreadyExistsException} if the bus exists (the default bus
     *     always does), {@code LimitExceededException} beyond 100 buses, {@code ValidationException} for a bad name
     */
    public String createEventBus(String name) {
        return createEventBus(name, null, Map.of());
    }

    /**
     * Creates a custom event bus with a description and tags (CreateEventBus).
     *
     * @param name the bus's name: 1 to 256 of {@code . - _ A-Z a-z 0-9}
     * @param description at most 512 characters; {@code null} for none
     * @param tags the bus's tags; {@code null} for none
     * @return the bus's ARN, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceAlreadyExistsException} if the bus exists,
     *     {@code LimitExceededException} beyond 100 buses, {@code ValidationException} for a bad member
     */
    public String createEventBus(String name, String description, Map<String, String> tags) {
        new ConstraintViolations()
                .required(name, "name")
                .length(name, "name", 1, 256)
                .matches(name, "name", ConstraintViolations.BUS_NAME, ConstraintViolations.BUS_NAME_TEXT)
                .length(description, "description", 0, 512)
                .throwIfAny();
        Map<String, String> tagCopy = checkTags(tags);
        if (name.indexOf('/') >= 0) {
            // Names with '/' are partner buses, created from a partner event source this bridge does not have.
            throw EventBridgeServiceException.validation("Event source " + name + " does not exist; a bus name with "
                    + "'/' names a partner event source.");
        }
        synchronized (lock) {
            if (buses.containsKey(name)) {
                throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_ALREADY_EXISTS,
                        "Event bus " + name + " already exists.");
            }
            if (buses.size() >= MAX_EVENT_BUSES) {
                throw EventBridgeServiceException.limitExceeded();
            }
            BusState bus = new BusState(name, busArn(name), Optional.ofNullable(description), clock.instant());
            bus.tags.putAll(tagCopy);
            buses.put(name, bus);
            publish(bus);
            return bus.arn;
        }
    }

    /**
     * Describes a bus (DescribeEventBus).
     *
     * @param nameOrArn the bus's name or ARN; {@code null} means {@code default}
     * @return the bus, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} "Event bus X does not exist."
     */
    public EventBus describeEventBus(String nameOrArn) {
        String name = busName(nameOrArn, "name", ConstraintViolations.BUS_NAME_OR_ARN,
                ConstraintViolations.BUS_NAME_OR_ARN_TEXT);
        synchronized (lock) {
            return bus(name).describe();
        }
    }

    /**
     * Lists every bus by name, {@code default} included (ListEventBuses, all pages).
     *
     * @return an unmodifiable list, never {@code null}
     */
    public List<EventBus> listEventBuses() {
        synchronized (lock) {
            List<EventBus> all = new ArrayList<>();
            for (BusState bus : buses.values()) {
                all.add(bus.describe());
            }
            return List.copyOf(all);
        }
    }

    /**
     * Lists one page of buses whose name starts with a prefix (ListEventBuses).
     *
     * @param namePrefix the prefix, 1 to 256 characters; {@code null} for all
     * @param nextToken the previous page's token, from this same call (other arguments unchanged); {@code null}
     *     for the first page
     * @param limit 1 to 100 buses; {@code null} for 100
     * @return the page, never {@code null}
     * @throws EventBridgeServiceException {@code ValidationException} for a bad member, or "Parameter NextToken is
     *     not valid." for a token not given for this call
     */
    public Page<EventBus> listEventBuses(String namePrefix, String nextToken, Integer limit) {
        new ConstraintViolations().length(namePrefix, "namePrefix", 1, 256).throwIfAny();
        List<EventBus> selected = new ArrayList<>();
        for (EventBus bus : listEventBuses()) {
            if (namePrefix == null || bus.name().startsWith(namePrefix)) {
                selected.add(bus);
            }
        }
        return Pagination.page(selected, EventBus::name, nextToken, limit, "ListEventBuses", namePrefix);
    }

    /**
     * Deletes a custom bus and its rules (DeleteEventBus). Deleting a bus that does not exist succeeds, as in AWS.
     * The bus's archives stay, as AWS keeps them.
     *
     * @param name the bus's name
     * @throws EventBridgeServiceException {@code ValidationException} "Cannot delete event bus default." for the
     *     default bus, or for a bad name
     */
    public void deleteEventBus(String name) {
        new ConstraintViolations()
                .required(name, "name")
                .length(name, "name", 1, 256)
                .matches(name, "name", ConstraintViolations.BUS_NAME, ConstraintViolations.BUS_NAME_TEXT)
                .throwIfAny();
        if (name.equals(DEFAULT_BUS)) {
            throw EventBridgeServiceException.validation("Cannot delete event bus default.");
        }
        synchronized (lock) {
            if (buses.remove(name) != null) {
                Map<String, Routing> next = new HashMap<>(routing);
                next.remove(name);
                routing = Map.copyOf(next);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rules

    /**
     * Creates or replaces a rule (PutRule). On an existing rule every member is replaced (one left out is cleared),
     * the targets are kept and the tags are not changed.
     *
     * @param definition the rule; must not be {@code null}
     * @return the rule's ARN: {@code …:rule/NAME} on the default bus, {@code …:rule/BUS/NAME} on a custom bus
     * @throws EventBridgeServiceException {@code InvalidEventPatternException} for a pattern EventBridge rejects,
     *     {@code ResourceNotFoundException} for a missing bus, {@code LimitExceededException} beyond the rules quota,
     *     {@code ValidationException} for a bad member or a rule with neither pattern nor schedule
     */
    public String putRule(RuleDefinition definition) {
        Values.requiredValue(definition, "definition");
        ConstraintViolations violations = new ConstraintViolations()
                .length(definition.name(), "name", 1, 64)
                .matches(definition.name(), "name", ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT)
                .length(definition.eventPattern().orElse(null), "eventPattern", 0, 4096)
                .length(definition.scheduleExpression().orElse(null), "scheduleExpression", 0, 256)
                .length(definition.description().orElse(null), "description", 0, 512)
                .length(definition.roleArn().orElse(null), "roleArn", 1, 1600);
        String busName = busNameInto(violations, definition.eventBusName(), "eventBusName");
        violations.throwIfAny();
        Map<String, String> tags = checkTags(definition.tags());
        if (definition.eventPattern().isEmpty() && definition.scheduleExpression().isEmpty()) {
            throw EventBridgeServiceException.validation(
                    "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        definition.eventPattern().ifPresent(pattern -> PatternValidation.validate(pattern, maxPatternLength));
        if (definition.scheduleExpression().isPresent()) {
            String schedule = definition.scheduleExpression().get();
            if (!(schedule.startsWith("rate(") || schedule.startsWith("cron(")) || !schedule.endsWith(")")) {
                throw EventBridgeServiceException.validation("Parameter ScheduleExpression is not valid.");
            }
        }
        synchronized (lock) {
            BusState bus = bus(busName);
            if (definition.scheduleExpression().isPresent() && !busName.equals(DEFAULT_BUS)) {
                throw EventBridgeServiceException.validation(
                        "ScheduleExpression is supported only on the default event bus.");
            }
            RuleEntry existing = bus.rules.get(definition.name());
            if (existing == null && bus.rules.size() >= maxRulesPerBus) {
                throw EventBridgeServiceException.limitExceeded();
            }
            RuleEntry rule = new RuleEntry(definition, busName, ruleArn(busName, definition.name()));
            if (existing != null) {
                rule.targets.putAll(existing.targets);
                rule.tags.putAll(existing.tags);
            } else {
                rule.tags.putAll(tags);
            }
            bus.rules.put(rule.name, rule);
            publish(bus);
            return rule.arn;
        }
    }

    /**
     * Describes a rule (DescribeRule).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param name the rule's name
     * @return the rule, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule
     */
    public Rule describeRule(String eventBusName, String name) {
        String busName = checkRuleRef(eventBusName, name, "name");
        synchronized (lock) {
            return rule(bus(busName), name).describe();
        }
    }

    /**
     * Lists every rule of a bus by name (ListRules, all pages).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @return an unmodifiable list, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus
     */
    public List<Rule> listRules(String eventBusName) {
        String busName = busName(eventBusName, "eventBusName", ConstraintViolations.BUS_NAME_OR_ARN,
                ConstraintViolations.BUS_NAME_OR_ARN_TEXT);
        synchronized (lock) {
            List<Rule> rules = new ArrayList<>();
            for (RuleEntry rule : bus(busName).rules.values()) {
                rules.add(rule.describe());
            }
            return List.copyOf(rules);
        }
    }

    /**
     * Lists one page of a bus's rules whose name starts with a prefix, by name (ListRules).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param namePrefix the prefix, 1 to 64 characters; {@code null} for all
     * @param nextToken the previous page's token, from this same call (other arguments unchanged); {@code null}
     *     for the first page
     * @param limit 1 to 100 rules; {@code null} for 100
     * @return the page, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus,
     *     {@code ValidationException} for a bad member, or "Parameter NextToken is not valid."
     *     for a token not given for this call
     */
    public Page<Rule> listRules(String eventBusName, String namePrefix, String nextToken, Integer limit) {
        new ConstraintViolations()
                .length(namePrefix, "namePrefix", 1, 64)
                .matches(namePrefix, "namePrefix", ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT)
                .throwIfAny();
        List<Rule> selected = new ArrayList<>();
        for (Rule rule : listRules(eventBusName)) {
            if (namePrefix == null || rule.name().startsWith(namePrefix)) {
                selected.add(rule);
            }
        }
        return Pagination.page(selected, Rule::name, nextToken, limit, "ListRules", busScope(eventBusName),
                namePrefix);
    }

    /**
     * Enables a rule (EnableRule): it matches events again.
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param name the rule's name
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule
     */
    public void enableRule(String eventBusName, String name) {
        setState(eventBusName, name, RuleState.ENABLED);
    }

    /**
     * Disables a rule (DisableRule): it keeps its targets and matches nothing until enabled.
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param name the rule's name
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule
     */
    public void disableRule(String eventBusName, String name) {
        setState(eventBusName, name, RuleState.DISABLED);
    }

    private void setState(String eventBusName, String name, RuleState state) {
        String busName = checkRuleRef(eventBusName, name, "name");
        synchronized (lock) {
            BusState bus = bus(busName);
            rule(bus, name).state = state;
            publish(bus);
        }
    }

    /**
     * Deletes a rule without targets (DeleteRule). Deleting a rule that does not exist succeeds, as in AWS.
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param name the rule's name
     * @throws EventBridgeServiceException {@code ValidationException} "Rule can't be deleted since it has
     *     targets." while the rule has targets, {@code ResourceNotFoundException} for a missing bus
     */
    public void deleteRule(String eventBusName, String name) {
        deleteRule(eventBusName, name, false);
    }

    /**
     * Deletes a rule without targets (DeleteRule with {@code Force}, which only matters for rules managed by
     * another AWS service; this bridge has none).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param name the rule's name
     * @param force the {@code Force} member
     * @throws EventBridgeServiceException {@code ValidationException} "Rule can't be deleted since it has
     *     targets." while the rule has targets, {@code ResourceNotFoundException} for a missing bus
     */
    public void deleteRule(String eventBusName, String name, boolean force) {
        String busName = checkRuleRef(eventBusName, name, "name");
        synchronized (lock) {
            BusState bus = bus(busName);
            RuleEntry rule = bus.rules.get(name);
            if (rule == null) {
                return;
            }
            if (!rule.targets.isEmpty()) {
                throw EventBridgeServiceException.validation("Rule can't be deleted since it has targets.");
            }
            bus.rules.remove(name);
            publish(bus);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Targets

    /**
     * Adds targets to a rule, or updates those with the same id (PutTargets).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param rule the rule's name
     * @param targets 1 to 100 targets; a rule may have at most 5
     * @return the entries that failed ({@code FailedEntries}); empty, as the in-memory bus never fails an entry
     *     partially. Never {@code null}
     * @throws EventBridgeServiceException {@code LimitExceededException} beyond 5 targets,
     *     {@code ResourceNotFoundException} for a missing bus or rule, {@code ValidationException} for a bad member,
     *     more than one of {@code Input}/{@code InputPath}/{@code InputTransformer}, or an undefined template
     *     placeholder
     */
    public List<FailedEntry> putTargets(String eventBusName, String rule, List<Target> targets) {
        return putTargets(eventBusName, rule, targets, noFailures());
    }

    /**
     * PutTargets where {@code injected} may fail chosen entries after the request passed validation, as the service
     * fails entries under load: an entry it answers for is not applied and is reported in {@code FailedEntries}.
     * {@code injected} is asked once, when the request has passed validation, outside the bridge's lock (a predicate
     * deciding the failures may wait on code that uses the bridge).
     */
    List<FailedEntry> putTargets(String eventBusName, String rule, List<Target> targets,
            Supplier<IntFunction<FailedEntry>> injected) {
        ConstraintViolations violations = ruleRefViolations(rule, "rule")
                .required(targets, "targets")
                .size(targets, "targets", 1, 100);
        String busName = busNameInto(violations, eventBusName, "eventBusName");
        if (targets != null) {
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                String member = "targets." + (i + 1) + ".member";
                violations.required(target, member);
                if (target == null) {
                    continue;
                }
                violations.length(target.id(), member + ".id", 1, 64)
                        .matches(target.id(), member + ".id", ConstraintViolations.NAME,
                                ConstraintViolations.NAME_TEXT)
                        .length(target.arn(), member + ".arn", 1, 1600)
                        .length(target.input().orElse(null), member + ".input", 0, 8192)
                        .length(target.inputPath().orElse(null), member + ".inputPath", 0, 256)
                        .length(target.roleArn().orElse(null), member + ".roleArn", 1, 1600)
                        .length(target.deadLetterArn().orElse(null), member + ".deadLetterConfig.arn", 1, 1600)
                        .length(target.sqsMessageGroupId().orElse(null), member + ".sqsParameters.messageGroupId",
                                0, 100);
                target.retryPolicy().ifPresent(policy -> violations
                        .range(policy.maximumRetryAttempts(), member + ".retryPolicy.maximumRetryAttempts", 0, 185)
                        .range(policy.maximumEventAgeInSeconds(), member + ".retryPolicy.maximumEventAgeInSeconds",
                                60, 86_400));
            }
        }
        violations.throwIfAny();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            InputProcessing.check(target, "targets." + (i + 1) + ".member");
            if (target.arn().startsWith("arn:aws:sqs:") && target.arn().endsWith(".fifo")
                    && target.sqsMessageGroupId().isEmpty()) {
                throw EventBridgeServiceException.validation(
                        "Parameter(s) SqsParameters must be specified for target: " + target.id() + ".");
            }
        }
        List<FailedEntry> failed = new ArrayList<>();
        IntFunction<FailedEntry> failures = injected.get();
        synchronized (lock) {
            BusState bus = bus(busName);
            RuleEntry entry = rule(bus, rule);
            LinkedHashMap<String, Target> updated = new LinkedHashMap<>(entry.targets);
            for (int i = 0; i < targets.size(); i++) {
                FailedEntry failure = failures.apply(i);
                if (failure != null) {
                    failed.add(failure);
                } else {
                    updated.put(targets.get(i).id(), targets.get(i));
                }
            }
            if (updated.size() > MAX_TARGETS_PER_RULE) {
                throw EventBridgeServiceException.limitExceeded();
            }
            entry.targets.clear();
            entry.targets.putAll(updated);
            publish(bus);
        }
        return List.copyOf(failed);
    }

    /**
     * Lists every target of a rule, in the order they were first put (ListTargetsByRule, all pages).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param rule the rule's name
     * @return an unmodifiable list, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule
     */
    public List<Target> listTargetsByRule(String eventBusName, String rule) {
        String busName = checkRuleRef(eventBusName, rule, "rule");
        synchronized (lock) {
            return List.copyOf(rule(bus(busName), rule).targets.values());
        }
    }

    /**
     * Lists one page of a rule's targets (ListTargetsByRule).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param rule the rule's name
     * @param nextToken the previous page's token, from this same call (other arguments unchanged); {@code null}
     *     for the first page
     * @param limit 1 to 100 targets; {@code null} for 100
     * @return the page, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule,
     *     {@code ValidationException} for a bad member, or "Parameter NextToken is not valid."
     *     for a token not given for this call
     */
    public Page<Target> listTargetsByRule(String eventBusName, String rule, String nextToken, Integer limit) {
        return Pagination.page(listTargetsByRule(eventBusName, rule), Target::id, nextToken, limit,
                "ListTargetsByRule", busScope(eventBusName), rule);
    }

    /**
     * Removes targets from a rule (RemoveTargets). Ids the rule does not have are ignored.
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param rule the rule's name
     * @param ids 1 to 100 target ids
     * @return the entries that failed ({@code FailedEntries}); empty. Never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus or rule,
     *     {@code ValidationException} for a bad member
     */
    public List<FailedEntry> removeTargets(String eventBusName, String rule, List<String> ids) {
        return removeTargets(eventBusName, rule, ids, noFailures());
    }

    /**
     * RemoveTargets where {@code injected} may fail chosen ids after the request passed validation, as the service
     * fails removals under load: a target it answers for stays on the rule and is reported in {@code FailedEntries}.
     * {@code injected} is asked once, as for {@link #putTargets(String, String, List, Supplier)}.
     */
    List<FailedEntry> removeTargets(String eventBusName, String rule, List<String> ids,
            Supplier<IntFunction<FailedEntry>> injected) {
        ConstraintViolations violations = ruleRefViolations(rule, "rule")
                .required(ids, "ids")
                .size(ids, "ids", 1, 100);
        String busName = busNameInto(violations, eventBusName, "eventBusName");
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                String member = "ids." + (i + 1) + ".member";
                violations.required(ids.get(i), member)
                        .length(ids.get(i), member, 1, 64)
                        .matches(ids.get(i), member, ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT);
            }
        }
        violations.throwIfAny();
        List<FailedEntry> failed = new ArrayList<>();
        IntFunction<FailedEntry> failures = injected.get();
        synchronized (lock) {
            BusState bus = bus(busName);
            RuleEntry entry = rule(bus, rule);
            for (int i = 0; i < ids.size(); i++) {
                FailedEntry failure = failures.apply(i);
                if (failure != null) {
                    failed.add(failure);
                } else {
                    entry.targets.remove(ids.get(i));
                }
            }
            publish(bus);
        }
        return List.copyOf(failed);
    }

    /**
     * Lists the names of a bus's rules that have a target with the given ARN, by name (ListRuleNamesByTarget).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param targetArn the target's ARN
     * @param nextToken the previous page's token, from this same call (other arguments unchanged); {@code null}
     *     for the first page
     * @param limit 1 to 100 names; {@code null} for 100
     * @return the page, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing bus,
     *     {@code ValidationException} for a bad member, or "Parameter NextToken is not valid."
     *     for a token not given for this call
     */
    public Page<String> listRuleNamesByTarget(String eventBusName, String targetArn, String nextToken,
            Integer limit) {
        ConstraintViolations violations = new ConstraintViolations()
                .required(targetArn, "targetArn")
                .length(targetArn, "targetArn", 1, 1600);
        String busName = busNameInto(violations, eventBusName, "eventBusName");
        violations.throwIfAny();
        List<String> names = new ArrayList<>();
        synchronized (lock) {
            for (RuleEntry rule : bus(busName).rules.values()) {
                for (Target target : rule.targets.values()) {
                    if (target.arn().equals(targetArn)) {
                        names.add(rule.name);
                        break;
                    }
                }
            }
        }
        return Pagination.page(names, name -> name, nextToken, limit, "ListRuleNamesByTarget", busName, targetArn);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events

    /**
     * Puts Coherence events on a bus (PutEvents with one entry per event, made by
     * {@link PutEventsEntry#of(String, CoherenceEvent)}).
     *
     * @param eventBusName the bus's name or ARN; {@code null} means {@code default}
     * @param events 1 to 10 events; must not be or hold {@code null}
     * @return the per-entry results, never {@code null}
     * @throws EventBridgeServiceException {@code ValidationException} for no events or more than 10
     */
    public PutEventsResult putEvents(String eventBusName, CoherenceEvent... events) {
        List<PutEventsEntry> entries = new ArrayList<>();
        for (CoherenceEvent event : Values.requiredValue(events, "events")) {
            entries.add(PutEventsEntry.of(eventBusName, event));
        }
        return putEvents(entries);
    }

    /**
     * Sends events to buses (PutEvents): completes each entry's envelope as the service does ({@code version "0"},
     * a new {@code id}, the bridge's {@code account} and {@code region}, {@code time} to the second), routes it
     * through its bus's enabled rules and delivers it to their targets.
     *
     * @param entries 1 to 10 entries, at most 256 KB in total as AWS counts it
     * @return one result per entry, in order: an event id, or {@code InvalidArgument} (a missing {@code Source},
     *     {@code DetailType} or {@code Detail}) or {@code MalformedDetail} (a detail that is not a JSON object, or
     *     nests more than the 999 levels its event leaves it).
     *     An entry for a missing bus gets an id and is dropped, with a {@link Diagnostic}. Never {@code null}
     * @throws EventBridgeServiceException {@code ValidationException} for no entries, more than 10, too large a
     *     request, or a bad member
     */
    public PutEventsResult putEvents(List<PutEventsEntry> entries) {
        return putEvents(entries, noFailures());
    }

    /** No injected entry failures: what the public operations pass. */
    private static <R> Supplier<IntFunction<R>> noFailures() {
        return () -> index -> null;
    }

    /**
     * PutEvents where {@code injected} may answer for chosen entries after the request passed validation, as the
     * service fails entries under load ({@code InternalFailure}, {@code ThrottlingException}): such an entry is
     * neither put nor delivered, and its result is the one given. {@code injected} is asked once, when the request has
     * passed validation.
     */
    PutEventsResult putEvents(List<PutEventsEntry> entries, Supplier<IntFunction<PutEventsResult.Entry>> injected) {
        ConstraintViolations violations = new ConstraintViolations()
                .required(entries, "entries")
                .size(entries, "entries", 1, MAX_ENTRIES_PER_PUT_EVENTS);
        violations.throwIfAny();
        long size = 0;
        for (int i = 0; i < entries.size(); i++) {
            PutEventsEntry entry = entries.get(i);
            String member = ENTRY_MEMBERS[i];
            violations.required(entry, member);
            if (entry == null) {
                continue;
            }
            violations.length(entry.eventBusName(), member + ".eventBusName", 1, 1600);
            if (!isPlainBusName(entry.eventBusName())) {
                violations.matches(entry.eventBusName(), member + ".eventBusName", PUT_EVENTS_BUS_NAME,
                        PUT_EVENTS_BUS_NAME_TEXT);
            }
            violations.length(entry.traceHeader().orElse(null), member + ".traceHeader", 1, 500);
            for (int r = 0; r < entry.resources().size(); r++) {
                violations.length(entry.resources().get(r), member + ".resources." + (r + 1) + ".member", 0, 2048);
            }
            size += entrySize(entry);
        }
        violations.throwIfAny();
        if (size > MAX_PUT_EVENTS_SIZE) {
            // AWS-recorded message.
            throw EventBridgeServiceException.validation("Total size of the entries in the request is over the "
                    + "limit.");
        }

        IntFunction<PutEventsResult.Entry> failures = injected.get();
        Map<String, Routing> routes = routing;
        List<PutEventsResult.Entry> results = new ArrayList<>(entries.size());
        List<Dispatcher.DeliveryTask> tasks = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < entries.size(); i++) {
            PutEventsResult.Entry result = failures.apply(i);
            if (result == null) {
                result = accept(entries.get(i), routes, tasks);
            }
            if (!result.succeeded()) {
                failed++;
            }
            results.add(result);
        }
        dispatcher.dispatch(tasks);
        return new PutEventsResult(failed, results);
    }

    private PutEventsResult.Entry accept(PutEventsEntry entry, Map<String, Routing> routes,
            List<Dispatcher.DeliveryTask> tasks) {
        if (entry.source().filter(s -> !s.isEmpty()).isEmpty()) {
            // AWS-recorded message.
            return PutEventsResult.Entry.failed("InvalidArgument",
                    "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (entry.detailType().filter(s -> !s.isEmpty()).isEmpty()) {
            return PutEventsResult.Entry.failed("InvalidArgument",
                    "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (entry.detail().filter(s -> !s.isEmpty()).isEmpty()) {
            return PutEventsResult.Entry.failed("InvalidArgument",
                    "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        String detailText = entry.detail().get();
        JsonNode detail = Json.parseExactUniqueOrNull(detailText);
        // Without repeated names the text may be delivered as it is; with them (or malformed) the last value wins.
        boolean namesUnique = detail != null;
        if (!namesUnique) {
            detail = Json.parseDetailOrNull(detailText);
        }
        if (detail == null || !detail.isObject()) {
            // AWS-recorded: also a JSON string or array detail.
            return PutEventsResult.Entry.failed("MalformedDetail", "Detail is malformed.");
        }
        String id = eventIds.next();
        Instant ingestion = clock.instant();
        Instant time = entry.time().orElse(ingestion).truncatedTo(ChronoUnit.SECONDS);
        String formattedTime = timeText(time);
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.detailType().get());
        event.put("source", entry.source().get());
        event.put("account", account);
        event.put("time", formattedTime);
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.resources().forEach(resources::add);
        event.set("detail", detail);

        String busName = nameFromArn(entry.eventBusName());
        Routing route = routes.get(busName);
        if (route == null) {
            log.add(new Diagnostic(ingestion, Diagnostic.EVENT_BUS_NOT_FOUND, "Event " + id + " was put on event bus "
                    + busName + ", which does not exist; EventBridge accepts such an event and drops it. Create the "
                    + "bus first, or check the entry's EventBusName.", Optional.of(id)));
            return PutEventsResult.Entry.accepted(id);
        }
        for (Routing.ArchiveStore archive : route.archives) {
            if (archive.accepts(event)) {
                archive.events().add(new Routing.ArchivedEvent(ingestion, event));
            }
        }
        List<Routing.RouteRule> matched = route.match(event);
        if (!matched.isEmpty()) {
            String json = namesUnique ? Json.writeEnvelope(id, entry.detailType().get(), entry.source().get(),
                    account, formattedTime, region, entry.resources(), detailText) : null;
            deliver(route, event, json == null ? Json.write(event) : json, matched, ingestion, Optional.empty(),
                    List.of(), tasks);
        }
        return PutEventsResult.Entry.accepted(id);
    }

    /**
     * Makes the first delivery attempt of {@code event}, written as {@code json}, for every target of the
     * {@code matched} rules of {@code route} (those of {@code onlyRuleArns} when not empty).
     */
    private void deliver(Routing route, ObjectNode event, String json, List<Routing.RouteRule> matched,
            Instant ingestion, Optional<String> replayName, List<String> onlyRuleArns,
            List<Dispatcher.DeliveryTask> tasks) {
        String id = event.get("id").textValue();
        for (Routing.RouteRule rule : matched) {
            if (!onlyRuleArns.isEmpty() && !onlyRuleArns.contains(rule.arn())) {
                continue;
            }
            for (Target target : rule.targets()) {
                String payload = InputProcessing.apply(target, event, json, rule.name(), rule.arn(), ingestion);
                tasks.add(new Dispatcher.DeliveryTask(id, route.busName, json, rule, target, payload, ingestion,
                        replayName, 1, ingestion));
            }
        }
    }

    /**
     * Whether {@code name} is a bus name without an ARN ({@code [.\-_A-Za-z0-9]+}), which the PutEvents pattern
     * accepts: the common case is decided without running the regular expression (about 250 ns per entry).
     */
    private static boolean isPlainBusName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** An entry's size as AWS counts it (eb-putevent-size): 14 bytes for a time, plus the UTF-8 of the strings. */
    private static long entrySize(PutEventsEntry entry) {
        long size = entry.time().isPresent() ? 14 : 0;
        size += utf8(entry.source().orElse("")) + utf8(entry.detailType().orElse(""))
                + utf8(entry.detail().orElse(""));
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Tests whether an event pattern matches an event (TestEventPattern), with the same validation and engine as
     * the bus, and without putting anything anywhere.
     *
     * @param eventPattern the pattern JSON, at most 4,096 characters
     * @param event the event JSON, with {@code id}, {@code account}, {@code source}, {@code time}, {@code region}
     *     and {@code detail-type}
     * @return {@code true} if the pattern matches the event
     * @throws EventBridgeServiceException {@code InvalidEventPatternException} for a pattern EventBridge rejects,
     *     {@code ValidationException} "Parameter Event is not valid." (AWS's words, without a reason) for an event
     *     that is not a JSON object holding {@code id}, {@code account}, {@code source}, {@code time}, {@code region}
     *     and {@code detail-type}
     */
    public boolean testEventPattern(String eventPattern, String event) {
        new ConstraintViolations()
                .required(eventPattern, "eventPattern")
                .length(eventPattern, "eventPattern", 0, 4096)
                .required(event, "event")
                .throwIfAny();
        // TestEventPattern is bounded by the API's maximum only: the size quota applies to the rules of an account.
        PatternValidation.validate(eventPattern, EventPattern.API_MAX_LENGTH);
        JsonNode node = Json.parseExactOrNull(event);
        boolean complete = node != null && node.isObject();
        for (int i = 0; complete && i < TEST_EVENT_REQUIRED.length; i++) {
            complete = node.has(TEST_EVENT_REQUIRED[i]);
        }
        if (!complete) {
            // AWS-recorded text, the same for text that is not JSON and for an object without an envelope member
            // (LocalStack snapshots test_plain_string_payload, test_invalid_event_payload): no reason is given.
            throw EventBridgeServiceException.validation("Parameter Event is not valid.");
        }
        return !PatternValidation.machineFor("pattern", eventPattern).rulesForJSONEvent(node).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tags

    /**
     * Adds or replaces tags on a bus or rule (TagResource).
     *
     * @param resourceArn the bus's or rule's ARN
     * @param tags the tags; must not be {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for an ARN that names nothing here,
     *     {@code ValidationException} for a bad member
     */
    public void tagResource(String resourceArn, Map<String, String> tags) {
        new ConstraintViolations().required(tags, "tags").throwIfAny();
        Map<String, String> copy = checkTags(tags);
        synchronized (lock) {
            tagsOf(resourceArn).putAll(copy);
        }
    }

    /**
     * Removes tags from a bus or rule (UntagResource); keys it does not have are ignored.
     *
     * @param resourceArn the bus's or rule's ARN
     * @param tagKeys the keys to remove; must not be {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for an ARN that names nothing here
     */
    public void untagResource(String resourceArn, List<String> tagKeys) {
        new ConstraintViolations().required(tagKeys, "tagKeys").throwIfAny();
        synchronized (lock) {
            Map<String, String> tags = tagsOf(resourceArn);
            for (String key : tagKeys) {
                tags.remove(key);
            }
        }
    }

    /**
     * Returns the tags of a bus or rule (ListTagsForResource).
     *
     * @param resourceArn the bus's or rule's ARN
     * @return an unmodifiable copy in the order the tags were added, possibly empty, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for an ARN that names nothing here
     */
    public Map<String, String> listTagsForResource(String resourceArn) {
        synchronized (lock) {
            return Values.map(tagsOf(resourceArn), "tags");
        }
    }

    private Map<String, String> tagsOf(String resourceArn) {
        new ConstraintViolations()
                .required(resourceArn, "resourceARN")
                .length(resourceArn, "resourceARN", 1, 1600)
                .throwIfAny();
        String prefix = "arn:aws:events:" + region + ":" + account + ":";
        if (resourceArn.startsWith(prefix + "event-bus/")) {
            return bus(resourceArn.substring(prefix.length() + "event-bus/".length())).tags;
        }
        if (resourceArn.startsWith(prefix + "rule/")) {
            String path = resourceArn.substring(prefix.length() + "rule/".length());
            int slash = path.lastIndexOf('/');
            String busName = slash < 0 ? DEFAULT_BUS : path.substring(0, slash);
            return rule(bus(busName), path.substring(slash + 1)).tags;
        }
        throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_NOT_FOUND,
                "Resource " + resourceArn + " does not exist.");
    }

    private static Map<String, String> checkTags(Map<String, String> tags) {
        Map<String, String> copy = Values.map(tags, "tags");
        ConstraintViolations violations = new ConstraintViolations();
        int i = 1;
        for (Map.Entry<String, String> tag : copy.entrySet()) {
            violations.length(tag.getKey(), "tags." + i + ".member.key", 1, 128)
                    .length(tag.getValue(), "tags." + i + ".member.value", 0, 256);
            i++;
        }
        violations.throwIfAny();
        return copy;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Archives and replays

    /**
     * Archives every event put on a bus from now on (CreateArchive without a pattern).
     *
     * @param archiveName the archive's name: 1 to 48 of {@code . - _ A-Z a-z 0-9}, unique in the bridge
     * @param eventSource the bus's name or ARN ({@code EventSourceArn})
     * @return the archive, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceAlreadyExistsException} for a name in use,
     *     {@code ResourceNotFoundException} for a missing bus, {@code ValidationException} for a bad name
     */
    public Archive createArchive(String archiveName, String eventSource) {
        return createArchive(archiveName, eventSource, null);
    }

    /**
     * Archives the events put on a bus from now on that match a pattern (CreateArchive).
     *
     * @param archiveName the archive's name: 1 to 48 of {@code . - _ A-Z a-z 0-9}, unique in the bridge
     * @param eventSource the bus's name or ARN ({@code EventSourceArn})
     * @param eventPattern the pattern events must match to be archived; {@code null} archives every event
     * @return the archive, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceAlreadyExistsException} for a name in use,
     *     {@code ResourceNotFoundException} for a missing bus, {@code InvalidEventPatternException} for a bad
     *     pattern, {@code ValidationException} for a bad name
     */
    public Archive createArchive(String archiveName, String eventSource, String eventPattern) {
        new ConstraintViolations()
                .required(archiveName, "archiveName")
                .length(archiveName, "archiveName", 1, 48)
                .matches(archiveName, "archiveName", ARCHIVE_NAME, ConstraintViolations.NAME_TEXT)
                .required(eventSource, "eventSourceArn")
                .length(eventPattern, "eventPattern", 0, 4096)
                .throwIfAny();
        String busName = nameFromArn(eventSource);
        if (eventPattern != null) {
            PatternValidation.validate(eventPattern, maxPatternLength);
        }
        synchronized (lock) {
            BusState bus = bus(busName);
            if (archives.containsKey(archiveName)) {
                throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_ALREADY_EXISTS,
                        "Archive " + archiveName + " already exists.");
            }
            Routing.ArchiveStore archive = new Routing.ArchiveStore(archiveName,
                    "arn:aws:events:" + region + ":" + account + ":archive/" + archiveName, busName,
                    Optional.ofNullable(eventPattern),
                    eventPattern == null ? null : PatternValidation.machineFor("archive", eventPattern),
                    clock.instant(), new ConcurrentLinkedQueue<>());
            archives.put(archiveName, archive);
            publish(bus);
            return describe(archive);
        }
    }

    /**
     * Describes an archive (DescribeArchive).
     *
     * @param archiveName the archive's name
     * @return the archive with its current event count, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing archive
     */
    public Archive describeArchive(String archiveName) {
        synchronized (lock) {
            return describe(archive(archiveName));
        }
    }

    /**
     * Returns the events an archive holds, as they were put on the bus, in the order they arrived.
     *
     * @param archiveName the archive's name
     * @return an unmodifiable list of event JSON texts, possibly empty, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing archive
     */
    public List<String> archivedEvents(String archiveName) {
        Routing.ArchiveStore archive;
        synchronized (lock) {
            archive = archive(archiveName);
        }
        List<String> events = new ArrayList<>();
        for (Routing.ArchivedEvent event : archive.events()) {
            events.add(Json.write(event.event()));
        }
        return List.copyOf(events);
    }

    /**
     * Deletes an archive and the events it holds (DeleteArchive).
     *
     * @param archiveName the archive's name
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing archive
     */
    public void deleteArchive(String archiveName) {
        synchronized (lock) {
            Routing.ArchiveStore archive = archive(archiveName);
            archives.remove(archiveName);
            BusState bus = buses.get(archive.busName());
            if (bus != null) {
                publish(bus);
            }
        }
    }

    /**
     * Replays the archived events that arrived in a time window to every enabled rule of the archive's bus
     * (StartReplay); the replay completes before this method returns.
     *
     * @param replayName the replay's name, unique in the bridge
     * @param archiveName the archive to replay
     * @param eventStartTime the start of the window, inclusive, by ingestion time
     * @param eventEndTime the end of the window, exclusive, by ingestion time
     * @return the finished replay, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing archive or bus,
     *     {@code ResourceAlreadyExistsException} for a name in use, {@code ValidationException} for a bad window
     */
    public Replay startReplay(String replayName, String archiveName, Instant eventStartTime, Instant eventEndTime) {
        return startReplay(replayName, archiveName, eventStartTime, eventEndTime, List.of());
    }

    /**
     * Replays the archived events that arrived in a time window to some rules of the archive's bus (StartReplay with
     * {@code Destination.FilterArns}); the replay completes before this method returns.
     *
     * @param replayName the replay's name, unique in the bridge
     * @param archiveName the archive to replay
     * @param eventStartTime the start of the window, inclusive, by ingestion time
     * @param eventEndTime the end of the window, exclusive, by ingestion time
     * @param ruleArns the ARNs of the rules to replay to; empty for every enabled rule
     * @return the finished replay, never {@code null}
     * @throws EventBridgeServiceException {@code ResourceNotFoundException} for a missing archive or bus,
     *     {@code ResourceAlreadyExistsException} for a name in use, {@code ValidationException} for a bad window
     */
    public Replay startReplay(String replayName, String archiveName, Instant eventStartTime, Instant eventEndTime,
            List<String> ruleArns) {
        new ConstraintViolations()
                .required(replayName, "replayName")
                .length(replayName, "replayName", 1, 64)
                .matches(replayName, "replayName", ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT)
                .required(eventStartTime, "eventStartTime")
                .required(eventEndTime, "eventEndTime")
                .throwIfAny();
        List<String> filter = Values.list(ruleArns, "destination.filterArns");
        if (!eventStartTime.isBefore(eventEndTime)) {
            throw EventBridgeServiceException.validation("Parameter EventStartTime is not valid. Reason: "
                    + "EventStartTime must be before EventEndTime.");
        }
        Routing.ArchiveStore archive;
        Routing route;
        synchronized (lock) {
            archive = archive(archiveName);
            if (replays.containsKey(replayName)) {
                throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_ALREADY_EXISTS,
                        "Replay " + replayName + " already exists.");
            }
            bus(archive.busName());
            route = routing.get(archive.busName());
        }
        List<Dispatcher.DeliveryTask> tasks = new ArrayList<>();
        int replayed = 0;
        for (Routing.ArchivedEvent archived : archive.events()) {
            if (archived.ingestionTime().isBefore(eventStartTime) || !archived.ingestionTime().isBefore(eventEndTime)) {
                continue;
            }
            ObjectNode event = archived.event().deepCopy();
            event.put("replay-name", replayName);
            List<Routing.RouteRule> matched = route.match(event);
            if (!matched.isEmpty()) {
                deliver(route, event, Json.write(event), matched, clock.instant(), Optional.of(replayName), filter,
                        tasks);
            }
            replayed++;
        }
        Replay replay = new Replay(replayName, archiveName, eventStartTime, eventEndTime, filter, replayed);
        synchronized (lock) {
            replays.put(replayName, replay);
        }
        dispatcher.dispatch(tasks);
        return replay;
    }

    private Routing.ArchiveStore archive(String archiveName) {
        Routing.ArchiveStore archive = archiveName == null ? null : archives.get(archiveName);
        if (archive == null) {
            throw new EventBridgeServiceException(EventBridgeServiceException.RESOURCE_NOT_FOUND,
                    "Archive " + archiveName + " does not exist.");
        }
        return archive;
    }

    private Archive describe(Routing.ArchiveStore archive) {
        return new Archive(archive.name(), archive.arn(), busArn(archive.busName()), archive.pattern(),
                archive.creationTime(), archive.events().size());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Unbinds every handler. The bridge stays usable; deliveries are then only recorded.
     */
    @Override
    public void close() {
        dispatcher.unbindAll();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryEventBridge[account=" + account + ", region=" + region + ", buses=" + buses.keySet()
                    + ", clock=" + clock.instant() + "]";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals (callers hold the lock where noted)

    private String busArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
    }

    private String ruleArn(String busName, String ruleName) {
        String prefix = "arn:aws:events:" + region + ":" + account + ":rule/";
        return busName.equals(DEFAULT_BUS) ? prefix + ruleName : prefix + busName + "/" + ruleName;
    }

    /**
     * The name of the bus a name or ARN refers to. An ARN of this bridge's account gives the bus name it ends with,
     * whatever its Region (the bridge stands in for every Region, as {@link LocalEventBridge} answers whichever Region
     * signs a request); an ARN of another account stays whole: no bus here has a {@code :} in its name, so it refers to
     * no bus of this bridge, as in AWS, where it names a bus of that account.
     */
    private String nameFromArn(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            int at = nameOrArn.indexOf(":event-bus/");
            String owner = ":" + account + ":event-bus/";
            if (at > 0 && nameOrArn.startsWith(owner, at - account.length() - 1)) {
                return nameOrArn.substring(at + ":event-bus/".length());
            }
        }
        return nameOrArn;
    }

    /** The bus a List call names, by name, as its page tokens are bound to it; the caller validated it. */
    private String busScope(String nameOrArn) {
        return nameOrArn == null ? DEFAULT_BUS : nameFromArn(nameOrArn);
    }

    private String busName(String nameOrArn, String member, Pattern pattern, String patternText) {
        ConstraintViolations violations = new ConstraintViolations();
        String name = busNameInto(violations, nameOrArn, member, pattern, patternText);
        violations.throwIfAny();
        return name;
    }

    private String busNameInto(ConstraintViolations violations, String nameOrArn, String member) {
        return busNameInto(violations, nameOrArn, member, ConstraintViolations.BUS_NAME_OR_ARN,
                ConstraintViolations.BUS_NAME_OR_ARN_TEXT);
    }

    private String busNameInto(ConstraintViolations violations, String nameOrArn, String member,
            Pattern pattern, String patternText) {
        if (nameOrArn == null) {
            return DEFAULT_BUS;
        }
        violations.length(nameOrArn, member, 1, 1600).matches(nameOrArn, member, pattern, patternText);
        return nameFromArn(nameOrArn);
    }

    private static ConstraintViolations ruleRefViolations(String ruleName, String member) {
        return new ConstraintViolations()
                .required(ruleName, member)
                .length(ruleName, member, 1, 64)
                .matches(ruleName, member, ConstraintViolations.NAME, ConstraintViolations.NAME_TEXT);
    }

    private String checkRuleRef(String eventBusName, String ruleName, String member) {
        ConstraintViolations violations = ruleRefViolations(ruleName, member);
        String busName = busNameInto(violations, eventBusName, "eventBusName");
        violations.throwIfAny();
        return busName;
    }

    /** Caller holds the lock. */
    private BusState bus(String name) {
        BusState bus = buses.get(name);
        if (bus == null) {
            throw EventBridgeServiceException.busNotFound(name);
        }
        return bus;
    }

    /** Caller holds the lock. */
    private static RuleEntry rule(BusState bus, String name) {
        RuleEntry rule = bus.rules.get(name);
        if (rule == null) {
            throw EventBridgeServiceException.ruleNotFound(name, bus.name);
        }
        return rule;
    }

    /** Builds and publishes the bus's routing snapshot; caller holds the lock. */
    private void publish(BusState bus) {
        bus.lastModified = clock.instant();
        Map<String, Routing.RouteRule> rules = new HashMap<>();
        Map<String, String> patterns = new LinkedHashMap<>();
        for (RuleEntry rule : bus.rules.values()) {
            rules.put(rule.name, new Routing.RouteRule(rule.name, rule.arn, bus.name, rule.targets.values()
                    .stream().toList()));
            if (rule.state.routes() && rule.eventPattern.isPresent()) {
                patterns.put(rule.name, rule.eventPattern.get());
            }
        }
        List<Routing.ArchiveStore> busArchives = new ArrayList<>();
        for (Routing.ArchiveStore archive : archives.values()) {
            if (archive.busName().equals(bus.name)) {
                busArchives.add(archive);
            }
        }
        Map<String, Routing> next = new HashMap<>(routing);
        Routing previous = routing.get(bus.name);
        next.put(bus.name, new Routing(bus.name, bus.arn, rules, patterns, busArchives, previous));
        routing = Map.copyOf(next);
    }

    /** {@code time.toString()}, remembered for the last time asked. */
    private String timeText(Instant time) {
        TimeText last = lastTime;
        if (!last.time().equals(time)) {
            last = new TimeText(time, time.toString());
            lastTime = last;
        }
        return last.text();
    }

    /** An instant and its ISO-8601 text. */
    private record TimeText(Instant time, String text) {
    }

    /** A bus's definitions; guarded by the bridge's lock. */
    private static final class BusState {
        final String name;
        final String arn;
        final Optional<String> description;
        final Instant created;
        Instant lastModified;
        final Map<String, String> tags = new LinkedHashMap<>();
        final TreeMap<String, RuleEntry> rules = new TreeMap<>();

        BusState(String name, String arn, Optional<String> description, Instant created) {
            this.name = name;
            this.arn = arn;
            this.description = description;
            this.created = created;
            this.lastModified = created;
        }

        EventBus describe() {
            return new EventBus(name, arn, description, created, lastModified);
        }
    }

    /** A rule's definition, state, targets and tags; guarded by the bridge's lock. */
    private static final class RuleEntry {
        final String name;
        final String arn;
        final String busName;
        final Optional<String> eventPattern;
        final Optional<String> scheduleExpression;
        RuleState state;
        final Optional<String> description;
        final Optional<String> roleArn;
        final LinkedHashMap<String, Target> targets = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();

        RuleEntry(RuleDefinition definition, String busName, String arn) {
            this.name = definition.name();
            this.arn = arn;
            this.busName = busName;
            this.eventPattern = definition.eventPattern();
            this.scheduleExpression = definition.scheduleExpression();
            this.state = definition.state();
            this.description = definition.description();
            this.roleArn = definition.roleArn();
        }

        Rule describe() {
            return new Rule(name, arn, busName, eventPattern, scheduleExpression, state, description, roleArn);
        }
    }

    /**
     * Configures an {@link InMemoryEventBridge}. Not thread-safe: use one builder per thread.
     */
    public static final class Builder {
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private Instant startTime = DEFAULT_START_TIME;
        private Long eventIdSeed;
        private Executor executor;
        private int maxRulesPerBus = DEFAULT_MAX_RULES_PER_BUS;
        private int maxPatternLength = EventPattern.DEFAULT_MAX_LENGTH;
        private Chaos chaos = Chaos.NONE;
        private int deliveryLogCapacity = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * Bounds how many records the {@link DeliveryLog} keeps of each kind (attempts, dead letters, diagnostics):
         * beyond it the oldest are forgotten, so a bridge that runs for hours (a soak, a local endpoint left
         * serving) keeps flat memory. Unbounded by default, as a test wants to see everything.
         *
         * @param capacity at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is less than 1
         */
        public Builder deliveryLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("deliveryLogCapacity must be at least 1 but was " + capacity);
            }
            this.deliveryLogCapacity = capacity;
            return this;
        }

        /**
         * Sets the account id put in envelopes and ARNs.
         *
         * @param account an account id such as {@code 123456789012}; must not be {@code null}, empty or hold ':'
         * @return this builder
         * @throws IllegalArgumentException if {@code account} is not usable in an ARN
         */
        public Builder account(String account) {
            this.account = arnPart(account, "account");
            return this;
        }

        /**
         * Sets the Region put in envelopes and ARNs.
         *
         * @param region a Region such as {@code eu-west-1}; must not be {@code null}, empty or hold ':'
         * @return this builder
         * @throws IllegalArgumentException if {@code region} is not usable in an ARN
         */
        public Builder region(String region) {
            this.region = arnPart(region, "region");
            return this;
        }

        /**
         * Sets where the bridge's clock starts.
         *
         * @param startTime the start; must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if {@code startTime} is {@code null}
         */
        public Builder startTime(Instant startTime) {
            if (startTime == null) {
                throw new IllegalArgumentException("startTime must not be null");
            }
            this.startTime = startTime;
            return this;
        }

        /**
         * Makes event ids a function of a seed and their order, so a test that puts its events from one thread gets
         * the same ids on every run.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder eventIdSeed(long seed) {
            this.eventIdSeed = seed;
            return this;
        }

        /**
         * Delivers events on an executor instead of the thread that puts them; wait for deliveries with
         * {@link InMemoryEventBridge#awaitDeliveries(Duration)}. The bridge does not shut the executor down.
         *
         * @param executor the executor; {@code null} for synchronous delivery
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Sets the rules-per-bus quota (300 by default; AWS lowers it to 100 in some Regions and raises it on
         * request).
         *
         * @param maxRulesPerBus at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRulesPerBus} is less than 1
         */
        public Builder maxRulesPerBus(int maxRulesPerBus) {
            if (maxRulesPerBus < 1) {
                throw new IllegalArgumentException("maxRulesPerBus must be at least 1 but was " + maxRulesPerBus);
            }
            this.maxRulesPerBus = maxRulesPerBus;
            return this;
        }

        /**
         * Sets the account's "Event pattern size" quota that rules and archives are checked against (2,048
         * characters by default; AWS raises it on request up to the API's 4,096).
         *
         * @param maxPatternLength 1 to 4,096 characters
         * @return this builder
         * @throws IllegalArgumentException if {@code maxPatternLength} is out of range
         */
        public Builder maxPatternLength(int maxPatternLength) {
            if (maxPatternLength < 1 || maxPatternLength > EventPattern.API_MAX_LENGTH) {
                throw new IllegalArgumentException("maxPatternLength must be from 1 to " + EventPattern.API_MAX_LENGTH
                        + " but was " + maxPatternLength);
            }
            this.maxPatternLength = maxPatternLength;
            return this;
        }

        /**
         * Sets the chaos applied to deliveries from the start.
         *
         * @param chaos the chaos; must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if {@code chaos} is {@code null}
         */
        public Builder chaos(Chaos chaos) {
            if (chaos == null) {
                throw new IllegalArgumentException("chaos must not be null; pass Chaos.NONE for none");
            }
            this.chaos = chaos;
            return this;
        }

        /**
         * Builds the bridge, with the {@code default} bus.
         *
         * @return a new bridge, never {@code null}
         */
        public InMemoryEventBridge build() {
            return new InMemoryEventBridge(this);
        }

        private static String arnPart(String value, String what) {
            if (value == null || value.isEmpty() || value.indexOf(':') >= 0) {
                throw new IllegalArgumentException(what + " must be a non-empty string without ':' but was "
                        + (value == null ? "null" : "'" + value + "'"));
            }
            return value;
        }
    }
}
