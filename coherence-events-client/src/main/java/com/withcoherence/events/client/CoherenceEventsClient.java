package com.withcoherence.events.client;

import com.withcoherence.events.client.CoherenceClientException.Problem;
import com.withcoherence.events.client.PlannedChange.Action;
import com.withcoherence.events.client.SubscriptionTarget.Kind;
import com.withcoherence.events.model.CoherenceBus;
import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEventException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Maintains subscriptions to Coherence's events, as EventBridge rules and targets on the Coherence bus, and
 * publishes events to that bus.
 *
 * <p>It does in code, repeatably, what Coherence's documentation does in the console (a rule on the
 * {@code …-coherence-events} bus, a pattern, a target), and what the console hides: the permission each target
 * needs, retries, dead-letter queues and teardown.
 *
 * <pre>{@code
 * EventBridgeClient eventBridge = EventBridgeClient.create();   // your Region, credentials and HTTP client
 * CoherenceEventsClient client = CoherenceEventsClient.builder()
 *         .eventBridge(eventBridge)
 *         .bus(CoherenceBus.forApp("12309ijsdf-your-app-name"))
 *         .lambda(LambdaClient.create())                       // optional: manage Lambda permissions too
 *         .build();
 *
 * SubscribeResult result = client.subscribe(Subscription.builder()
 *         .name("log-new-environments")
 *         .pattern(EventPattern.builder().newEnvironments().build())
 *         .target(SubscriptionTarget.lambda("arn:aws:lambda:us-east-1:123456789012:function:log-events"))
 *         .build());
 * result.changes().forEach(System.out::println);     // nothing the second time
 * }</pre>
 *
 * <p>Everything it does:
 * <ul>
 *   <li>{@link #subscribe(Subscription, SubscribeOption...)} makes a rule and its targets exactly as described,
 *       idempotently: it writes only what differs, and nothing when nothing does.
 *       {@link #plan(Subscription, SubscribeOption...)} says what it would change.
 *   <li>{@link #unsubscribe(String)} removes a rule it created: its targets, then the rule, then the Lambda
 *       permissions it added.
 *   <li>{@link #subscriptions()} lists the rules on the bus, marking those coherence-events manages.
 *   <li>{@link #permissionsFor(Subscription)} says which policy statement each target needs.
 *   <li>{@link #publish(List)} sends events to the bus, and accounts for every one.
 * </ul>
 *
 * <p>The client uses the {@code EventBridgeClient} (and {@code LambdaClient}) it is given and never closes them: the
 * caller owns them. The bus is always named explicitly; the client never uses the {@code default} bus. Calls that
 * fail with a transient error after the SDK's own retries (throttling, 5xx, concurrent modification), and entries
 * that PutEvents, PutTargets or RemoveTargets report failed with a retryable code, are tried again up to
 * {@link Builder#maxAttempts(int)} times with exponential back-off and jitter. Failures are thrown as
 * {@link CoherenceClientException}, which keeps AWS's error code and request id. Each change is logged at INFO on the
 * SLF4J logger {@code com.withcoherence.events.client.CoherenceEventsClient}; event payloads and credentials never
 * are.
 *
 * <p>Instances are immutable and thread-safe, as are the SDK clients they use. Two threads (or processes) that
 * subscribe the same rule at once race as two console users would; the last write wins, and a further
 * {@code subscribe} converges.
 */
public final class CoherenceEventsClient {

    /** How long a successful check that the bus exists is trusted before {@link #publish(List)} checks again. */
    static final Duration BUS_CHECK_INTERVAL = Duration.ofMinutes(5);

    private final EventBridgeClient eventBridge;
    private final String busId;
    private final String busName;
    private final LambdaPermissions lambda;
    private final Backoff backoff;
    private final Clock clock;
    private final BusOperations bus;
    private volatile Instant busCheckedAt;

    private CoherenceEventsClient(Builder builder, String busName) {
        this.eventBridge = builder.eventBridge;
        this.busId = builder.busId;
        this.busName = busName;
        this.backoff = new Backoff(builder.maxAttempts, builder.baseDelay, builder.maxDelay, builder.sleeper,
                builder.random);
        this.lambda = builder.lambda == null ? null : new LambdaPermissions(builder.lambda, backoff);
        this.clock = builder.clock;
        this.bus = new BusOperations(eventBridge, busId, busName, backoff, builder.pageSize);
    }

    /**
     * Returns a builder. {@link Builder#eventBridge(EventBridgeClient)} and a bus are required.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the name of the Coherence bus this client works on.
     *
     * @return the bus name, never {@code null}
     */
    public String busName() {
        return busName;
    }

    /**
     * Computes what {@link #subscribe(Subscription, SubscribeOption...)} would change, without writing anything. It
     * reads the bus (DescribeEventBus), the rule (DescribeRule, ListTagsForResource, ListTargetsByRule) and, with a
     * {@code LambdaClient}, the policies of the Lambda functions involved (GetPolicy). Pass the options you will pass
     * to {@code subscribe}: a rule of the subscription's name that coherence-events did not create is refused here
     * as there, unless {@link SubscribeOption#ADOPT_EXISTING_RULE} is given (the plan then shows
     * {@code ~ adopt rule …}).
     *
     * @param subscription the desired subscription; must not be {@code null}
     * @param options what the plan may include that it does not by default; must not be {@code null} nor hold
     *     {@code null}
     * @return the plan, never {@code null}
     * @throws CoherenceClientException if {@code subscription} is {@code null}, the bus does not exist, the rule is
     *     managed by an AWS service or was not created by coherence-events (without
     *     {@link SubscribeOption#ADOPT_EXISTING_RULE}), a target does not fit the bus's Region or account, or an AWS
     *     call fails
     */
    public SubscriptionPlan plan(Subscription subscription, SubscribeOption... options) {
        requireArgument(subscription, "subscription");
        boolean adopt = adopts(options);
        return Planner.plan(subscription, busId, busName, observe(subscription), adopt);
    }

    /**
     * Makes the bus hold exactly the described subscription: creates or updates the rule (tagged
     * {@code managed-by=coherence-events}), adds the Lambda permissions (with a {@code LambdaClient}), removes the
     * targets it should not have, adds and updates the others, and removes the Lambda permissions of removed
     * functions. It writes only what differs; when nothing does, it makes no write call at all.
     *
     * <p>A rule of the subscription's name that coherence-events did not create (one made in the console, say) is
     * never taken over silently: {@code subscribe} refuses it, names its current targets and changes nothing, unless
     * {@link SubscribeOption#ADOPT_EXISTING_RULE} is given.
     *
     * <p>If it fails half-way (an AWS error, a target EventBridge rejects), what was done stays done; fix the cause
     * and call it again: it continues from the state it finds.
     *
     * @param subscription the desired subscription; must not be {@code null}
     * @param options what subscribe may do that it does not by default; must not be {@code null} nor hold
     *     {@code null}
     * @return what changed, the rule's ARN and the permissions the targets need; never {@code null}
     * @throws CoherenceClientException if {@code subscription} is {@code null}, the bus does not exist, the rule is
     *     managed by an AWS service or was not created by coherence-events (without
     *     {@link SubscribeOption#ADOPT_EXISTING_RULE}), or an AWS call or a target entry fails after the retries
     */
    public SubscribeResult subscribe(Subscription subscription, SubscribeOption... options) {
        requireArgument(subscription, "subscription");
        SubscriptionPlan plan = plan(subscription, options);
        String ruleArn = bus.execute(plan, lambda);
        List<TargetPermission> permissions = ruleArn.equals(plan.ruleArn()) ? plan.permissions()
                : Permissions.forTargets(busName, subscription.name(), ruleArn, subscription.targets());
        return new SubscribeResult(ruleArn, plan.changes(), permissions);
    }

    /**
     * Removes a subscription this client's library created: its targets (RemoveTargets), then the rule
     * (DeleteRule), then the Lambda permissions it added (with a {@code LambdaClient}). Removing a rule that does not
     * exist is not an error: it returns a result without changes, so calling it twice is fine.
     *
     * @param name the rule's name; must be a valid rule name
     * @return what was removed and the statements left for you to remove; never {@code null}
     * @throws CoherenceClientException if the name is invalid, the bus does not exist, the rule was not created (or
     *     adopted) by coherence-events or is managed by an AWS service (it is then left untouched), or an AWS call
     *     fails after the retries
     */
    public UnsubscribeResult unsubscribe(String name) {
        List<Problem> problems = new ArrayList<>();
        Validation.ruleName(name, "name", problems);
        if (!problems.isEmpty()) {
            throw CoherenceClientException.invalid("The rule name to unsubscribe", problems);
        }
        String busArn = bus.describeBus();
        Planner.ObservedRule rule = bus.describeRule(name);
        if (rule == null) {
            return new UnsubscribeResult(name, List.of(), List.of());
        }
        if (rule.managedBy() != null && !rule.managedBy().isEmpty()) {
            throw new CoherenceClientException("The rule " + name + " on bus " + busName + " is managed by "
                    + rule.managedBy() + "; remove it through that service.");
        }
        String ruleArn = rule.arn() != null ? rule.arn() : Permissions.ruleArn(busArn, name);
        if (!bus.isOwned(ruleArn)) {
            throw new CoherenceClientException("The rule " + name + " on bus " + busName + " was not created by "
                    + "coherence-events (it has no tag " + Planner.OWNER_TAG_KEY + "=" + Planner.OWNER_TAG_VALUE
                    + "), so it was left untouched. Delete it in the console, or adopt it first (subscribe it with "
                    + Planner.ADOPT_HINT + ").");
        }
        List<SubscriptionTarget> targets = bus.listTargets(name).stream().map(SdkTargets::fromSdk).toList();
        List<PlannedChange> changes = new ArrayList<>();
        bus.removeTargets(name, targets.stream().map(SubscriptionTarget::id).toList());
        targets.forEach(t -> changes.add(BusOperations.logged(new PlannedChange(Action.REMOVE_TARGET, t.id(),
                t.arn()), busName)));
        bus.deleteRule(name);
        changes.add(BusOperations.logged(new PlannedChange(Action.DELETE_RULE, name, ruleArn), busName));

        List<TargetPermission> leftToRemove = new ArrayList<>();
        Set<String> functionsDone = new LinkedHashSet<>();
        for (TargetPermission permission : Permissions.forTargets(busName, name, ruleArn, targets)) {
            if (permission.type() == TargetPermission.Type.LAMBDA_PERMISSION && lambda != null) {
                if (functionsDone.add(permission.resourceArn())
                        && lambda.remove(permission.resourceArn(), permission.statementId())) {
                    changes.add(new PlannedChange(Action.REMOVE_LAMBDA_PERMISSION, permission.statementId(),
                            permission.resourceArn()));
                }
            } else {
                leftToRemove.add(permission);
            }
        }
        return new UnsubscribeResult(name, changes, leftToRemove);
    }

    /**
     * Lists every rule on the bus with its targets, marking those coherence-events manages. Reads every page of
     * ListRules and ListTargetsByRule, and the tags of each rule (ListTagsForResource).
     *
     * @return the rules in the order EventBridge lists them (by name); possibly empty, never {@code null}
     * @throws CoherenceClientException if the bus does not exist or an AWS call fails after the retries
     */
    public List<ExistingSubscription> subscriptions() {
        return bus.subscriptions();
    }

    /**
     * Returns the policy statement each target of a subscription needs for EventBridge to deliver to it, with the
     * rule's ARN filled in: the ARN EventBridge reports for the rule (DescribeRule), or, before the rule exists, the
     * one it will have on the bus (from the bus's ARN, read with DescribeEventBus). It writes nothing.
     *
     * @param subscription the subscription; must not be {@code null}
     * @return the permissions, in target order (a target with a dead-letter queue also needs the queue's); possibly
     *     empty (for {@link Kind#OTHER} targets), never {@code null}
     * @throws CoherenceClientException if {@code subscription} is {@code null}, the bus does not exist or
     *     DescribeEventBus or DescribeRule fails
     */
    public List<TargetPermission> permissionsFor(Subscription subscription) {
        requireArgument(subscription, "subscription");
        String busArn = bus.describeBus();
        Planner.ObservedRule rule = bus.describeRule(subscription.name());
        String ruleArn = rule != null && rule.arn() != null ? rule.arn()
                : Permissions.ruleArn(busArn, subscription.name());
        return Permissions.forTargets(busName, subscription.name(), ruleArn, subscription.targets());
    }

    /**
     * Publishes Coherence events to the bus, for example to test a subscription end to end. Equivalent to
     * {@link #publish(List)} with {@link PublishEntry#of(CoherenceEvent)} of each event.
     *
     * @param events the events; must not be {@code null} nor hold {@code null}
     * @return one outcome per event, in order; never {@code null}
     * @throws CoherenceClientException as {@link #publish(List)} does, or if an event is {@code null}
     */
    public PublishResult publish(CoherenceEvent... events) {
        requireArgument(events, "events");
        List<PublishEntry> entries = new ArrayList<>(events.length);
        for (CoherenceEvent event : events) {
            entries.add(PublishEntry.of(event));
        }
        return publish(entries);
    }

    /**
     * Publishes events to the bus with PutEvents and accounts for every one. Entries are sent in order, in requests
     * of at most 10 entries and less than 256 KB; entries EventBridge fails with a retryable error
     * ({@code ThrottlingException}, {@code InternalFailure}) are resent, alone, with back-off; the others are
     * reported failed. Before sending, the client checks that the bus exists (DescribeEventBus, at most every five
     * minutes), because EventBridge accepts events for a bus that does not exist and drops them.
     *
     * @param entries the entries; must not be {@code null} nor hold {@code null}; may be empty (nothing is sent)
     * @return one outcome per entry, at the entry's index: accepted with its event id, or failed with EventBridge's
     *     error code and message; never {@code null}
     * @throws CoherenceClientException if {@code entries} is {@code null} or holds {@code null}, or the bus does not
     *     exist (then nothing is sent)
     */
    public PublishResult publish(List<PublishEntry> entries) {
        requireArgument(entries, "entries");
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) {
                throw CoherenceClientException.invalid("The entries to publish", List.of(new Problem(
                        "entries[" + i + "]", "is null; remove it or pass an entry.")));
            }
        }
        if (entries.isEmpty()) {
            return new PublishResult(List.of());
        }
        Instant checked = busCheckedAt;
        Instant now = clock.instant();
        if (checked == null || now.isAfter(checked.plus(BUS_CHECK_INTERVAL))) {
            bus.describeBus();
            busCheckedAt = now;
        }
        return Publisher.publish(eventBridge, busId, backoff, List.copyOf(entries));
    }

    @Override
    public String toString() {
        return "CoherenceEventsClient[bus=" + busId + (lambda == null ? "" : ", with Lambda permissions") + "]";
    }

    private static boolean adopts(SubscribeOption[] options) {
        requireArgument(options, "options");
        boolean adopt = false;
        for (int i = 0; i < options.length; i++) {
            if (options[i] == null) {
                throw CoherenceClientException.invalid("The call", List.of(new Problem("options[" + i + "]",
                        "is null; remove it or pass a SubscribeOption.")));
            }
            adopt |= options[i] == SubscribeOption.ADOPT_EXISTING_RULE;
        }
        return adopt;
    }

    private static void requireArgument(Object value, String name) {
        if (value == null) {
            throw CoherenceClientException.invalid("The call", List.of(new Problem(name, "must not be null.")));
        }
    }

    /**
     * Configures a {@link CoherenceEventsClient}.
     *
     * <p>Not thread-safe: use a builder from one thread. The clients it builds are thread-safe.
     */
    public static final class Builder {

        private EventBridgeClient eventBridge;
        private String busId;
        private Object lambda;
        private int maxAttempts = 5;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(5);
        private Sleeper sleeper = Sleeper.threadSleep();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Clock clock = Clock.systemUTC();
        private int pageSize = BusOperations.MAX_PAGE_SIZE;

        private Builder() {
        }

        /**
         * Sets the EventBridge client to use: configured by you with its Region, credentials, HTTP client and SDK
         * retry settings. The client is used, never closed.
         *
         * @param eventBridge the client; required
         * @return this builder
         */
        public Builder eventBridge(EventBridgeClient eventBridge) {
            this.eventBridge = eventBridge;
            return this;
        }

        /**
         * Sets the Coherence bus by name or ARN, such as {@code 12309ijsdf-your-app-name-coherence-events}. An ARN is
         * kept and sent as given in every request (EventBridge takes a name or an ARN in each {@code EventBusName}),
         * so that a bus in another account is the one reached; it must be in the Region the EventBridge client
         * calls, which {@link #build()} checks.
         *
         * @param nameOrArn the bus's name or ARN; required, and never {@code default}
         * @return this builder
         * @throws CoherenceClientException if the value is not a valid bus name or event-bus ARN
         */
        public Builder bus(String nameOrArn) {
            try {
                CoherenceBus.of(nameOrArn);
            } catch (CoherenceEventException e) {
                throw CoherenceClientException.invalid("The bus", List.of(new Problem("bus", e.problem())));
            }
            this.busId = nameOrArn;
            return this;
        }

        /**
         * Sets the Coherence bus.
         *
         * @param bus the bus, such as {@code CoherenceBus.forApp("12309ijsdf-your-app-name")}; required
         * @return this builder
         * @throws CoherenceClientException if {@code bus} is {@code null}
         */
        public Builder bus(CoherenceBus bus) {
            requireArgument(bus, "bus");
            this.busId = bus.name();
            return this;
        }

        /**
         * Lets the client add and remove the Lambda permission each Lambda target needs (AddPermission,
         * RemovePermission, GetPolicy), with the statement id {@code coherence-events-RULE-HASH}. Without it, the
         * client only returns the statements ({@link CoherenceEventsClient#permissionsFor(Subscription)}). Needs
         * {@code software.amazon.awssdk:lambda} on the class path, an optional dependency of this module.
         *
         * @param lambda the Lambda client, in the functions' account and Region; {@code null} for none
         * @return this builder
         */
        public Builder lambda(LambdaClient lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * Sets how many times a call or a failed entry is tried in all, including the first; 5 unless set.
         *
         * @param maxAttempts 1 (no retry) to 20
         * @return this builder
         * @throws CoherenceClientException if {@code maxAttempts} is out of range
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw CoherenceClientException.invalid("The retry settings", List.of(new Problem("maxAttempts",
                        "is " + maxAttempts + "; use 1 (no retry) to 20.")));
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the back-off between attempts: the wait after the n-th failure is between half and all of
         * {@code min(maxDelay, baseDelay * 2^(n-1))}; 100 ms and 5 s unless set.
         *
         * @param baseDelay the first wait's upper bound; positive
         * @param maxDelay the longest wait; at least {@code baseDelay}
         * @return this builder
         * @throws CoherenceClientException if a delay is {@code null}, not positive, or {@code maxDelay} is shorter
         *     than {@code baseDelay}
         */
        public Builder retryDelays(Duration baseDelay, Duration maxDelay) {
            if (baseDelay == null || maxDelay == null || baseDelay.isNegative() || baseDelay.isZero()
                    || maxDelay.compareTo(baseDelay) < 0) {
                throw CoherenceClientException.invalid("The retry settings", List.of(new Problem("retryDelays",
                        "needs a positive baseDelay and a maxDelay at least as long, such as 100 ms and 5 s.")));
            }
            this.baseDelay = baseDelay;
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * Sets what waits between attempts; {@link Sleeper#threadSleep()} unless set. Tests pass one that records
         * the delays instead of sleeping.
         *
         * @param sleeper the sleeper; must not be {@code null}
         * @return this builder
         * @throws CoherenceClientException if {@code sleeper} is {@code null}
         */
        public Builder sleeper(Sleeper sleeper) {
            requireArgument(sleeper, "sleeper");
            this.sleeper = sleeper;
            return this;
        }

        /** The source of jitter, for tests. */
        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /** The page size of ListRules and ListTargetsByRule, for tests of paging. */
        Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The clock of the bus check, for tests. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client, never {@code null}
         * @throws CoherenceClientException if the EventBridge client or the bus is missing, or the bus is given by an
         *     ARN of another Region than the EventBridge client's
         */
        public CoherenceEventsClient build() {
            List<Problem> problems = new ArrayList<>();
            if (eventBridge == null) {
                problems.add(new Problem("eventBridge", "is required: pass the EventBridgeClient you configured "
                        + "(Region, credentials, HTTP client), e.g. EventBridgeClient.create()."));
            } else if (busId != null) {
                checkRegion(eventBridge, busId, problems);
            }
            if (busId == null) {
                problems.add(new Problem("bus", "is required: pass the name or ARN of the '…"
                        + CoherenceBus.NAME_SUFFIX + "' bus Coherence created, e.g. "
                        + "CoherenceBus.forApp(\"12309ijsdf-your-app-name\")."));
            }
            if (!problems.isEmpty()) {
                throw CoherenceClientException.invalid("The CoherenceEventsClient configuration", problems);
            }
            return new CoherenceEventsClient(this, CoherenceBus.of(busId).name());
        }
    }

    /**
     * EventBridge serves a bus only through its own Region's endpoint: a request that names a bus (or rule) of
     * another Region is refused with {@code ValidationException: Cross-region api call is not allowed.} (recorded in
     * aws-samples/amazon-eventbridge-resource-policy-samples#10 and terraform-provider-aws#31444). Say so before any
     * call, with the fix.
     */
    private static void checkRegion(EventBridgeClient eventBridge, String busId, List<Problem> problems) {
        String[] arn = busId.split(":", 6);
        if (arn.length < 6 || !arn[0].equals("arn")) {
            return;
        }
        Region region = eventBridge.serviceClientConfiguration().region();
        if (region != null && !region.id().equals(arn[3])) {
            problems.add(new Problem("bus", "the bus is in " + arn[3] + " but the EventBridgeClient calls "
                    + region.id() + ", and EventBridge refuses requests for a bus of another Region (\"Cross-region "
                    + "api call is not allowed.\"). Build the EventBridgeClient with .region(Region.of(\"" + arn[3]
                    + "\")), or pass the bus of " + region.id() + "."));
        }
    }

    /** The Lambda functions whose policies the plan needs: the subscription's and the rule's current ones. */
    private static Set<String> lambdaFunctions(Subscription subscription, List<software.amazon.awssdk.services
            .eventbridge.model.Target> existing) {
        Set<String> functions = new LinkedHashSet<>();
        subscription.targets().stream().filter(t -> t.kind() == Kind.LAMBDA).forEach(t -> functions.add(t.arn()));
        existing.stream().filter(t -> Kind.of(t.arn()) == Kind.LAMBDA).forEach(t -> functions.add(t.arn()));
        return functions;
    }

    private Planner.Observed observe(Subscription subscription) {
        String busArn = bus.describeBus();
        Planner.ObservedRule rule = bus.describeRule(subscription.name());
        boolean owned = false;
        List<software.amazon.awssdk.services.eventbridge.model.Target> targets = List.of();
        if (rule != null) {
            owned = bus.isOwned(rule.arn() != null ? rule.arn() : Permissions.ruleArn(busArn, subscription.name()));
            targets = bus.listTargets(subscription.name());
        }
        Map<String, Set<String>> statements = null;
        if (lambda != null) {
            statements = new LinkedHashMap<>();
            for (String function : lambdaFunctions(subscription, targets)) {
                statements.put(function, lambda.statementIds(function));
            }
        }
        return new Planner.Observed(busArn, rule, owned, targets, statements);
    }
}
