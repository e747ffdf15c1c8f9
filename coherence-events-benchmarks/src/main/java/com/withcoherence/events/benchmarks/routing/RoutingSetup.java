package com.withcoherence.events.benchmarks.routing;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.DeliveryAttempt;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.PutEventsEntry;
import com.withcoherence.events.testkit.PutEventsResult;
import com.withcoherence.events.testkit.RuleDefinition;
import com.withcoherence.events.testkit.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.Machine;

/**
 * One routing workload, set up twice: on the testkit's in-memory bus (a Coherence bus with the rules, each with one
 * target that only records) and in a bare event-ruler {@link Machine} holding the same patterns; plus the event, as a
 * PutEvents entry for the bus and as the envelope JSON the bus completes and delivers, for the machine.
 *
 * <p>{@link #check()} proves both route the event to the same rules before anything is measured.
 *
 * <p>Not thread-safe to build; the bus and the machine it holds are safe for concurrent use.
 */
public final class RoutingSetup {

    /** Deliveries the bus keeps: bounded, so that a measurement of millions of events has flat memory. */
    static final int LOG_CAPACITY = 1024;

    /** Entries in a full PutEvents call: {@value}, EventBridge's maximum. */
    public static final int BATCH = 10;

    private static final String BUS = CoherenceFixtures.documentedBus().name();
    private static final String QUEUE_PREFIX = "arn:aws:sqs:us-east-1:" + InMemoryEventBridge.DEFAULT_ACCOUNT + ":";

    private final List<RuleMix.Rule> rules;
    private final InMemoryEventBridge bridge;
    private final List<PutEventsEntry> entries;
    private final List<PutEventsEntry> batch;
    private final Machine machine;
    private final String envelope;

    private RoutingSetup(List<RuleMix.Rule> rules, CoherenceEvent event,
            GenericMachine.Builder<Machine, String> machineBuilder) {
        this.rules = rules;
        this.bridge = InMemoryEventBridge.builder().deliveryLogCapacity(LOG_CAPACITY).build();
        bridge.createEventBus(BUS);
        for (RuleMix.Rule rule : rules) {
            bridge.putRule(RuleDefinition.of(rule.name(), BUS, rule.pattern()));
            bridge.putTargets(BUS, rule.name(), List.of(Target.of("queue", QUEUE_PREFIX + rule.name())));
        }
        this.entries = List.of(PutEventsEntry.of(BUS, event));
        this.batch = java.util.Collections.nCopies(BATCH, entries.get(0));
        this.machine = machineBuilder.build();
        try {
            for (RuleMix.Rule rule : rules) {
                machine.addRule(rule.name(), rule.pattern());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("event-ruler refused a rule of the mix", e);
        }
        this.envelope = envelopeAsDelivered(event);
    }

    /**
     * Sets up a workload with event-ruler's default machine ({@code Machine.builder().build()}, as the bus builds
     * its own).
     *
     * @param rules the rules; must not be {@code null}
     * @param event the event to route; must not be {@code null}
     * @return the workload, checked with {@link #check()}
     */
    public static RoutingSetup of(List<RuleMix.Rule> rules, CoherenceEvent event) {
        return of(rules, event, Machine.builder());
    }

    /**
     * Sets up a workload whose direct machine is built by {@code machineBuilder} (the bus keeps its own default).
     *
     * @param rules the rules; must not be {@code null}
     * @param event the event to route; must not be {@code null}
     * @param machineBuilder configures the direct machine; must not be {@code null}
     * @return the workload, checked with {@link #check()}
     */
    public static RoutingSetup of(List<RuleMix.Rule> rules, CoherenceEvent event,
            GenericMachine.Builder<Machine, String> machineBuilder) {
        RoutingSetup setup = new RoutingSetup(rules, event, machineBuilder);
        setup.check();
        return setup;
    }

    /** The event as the bus completes it and a target receives it: from a bus whose one rule takes everything. */
    private static String envelopeAsDelivered(CoherenceEvent event) {
        InMemoryEventBridge probe = InMemoryEventBridge.create();
        probe.createEventBus(BUS);
        probe.putRule(RuleDefinition.of("all", BUS, "{\"source\":[\"Coherence\"]}"));
        probe.putTargets(BUS, "all", List.of(Target.of("all", QUEUE_PREFIX + "all")));
        probe.putEvents(List.of(PutEventsEntry.of(BUS, event)));
        return probe.deliveryLog().payloadsTo(QUEUE_PREFIX + "all").get(0);
    }

    /**
     * Puts the event on the bus (one PutEvents call with one entry): what a user of the testkit pays per event.
     *
     * @return the bus's answer
     */
    public PutEventsResult putOnBus() {
        return bridge.putEvents(entries);
    }

    /**
     * Puts the event on the bus ten times in one PutEvents call, as a sender that batches does; divide by
     * {@link #BATCH} for the cost per event.
     *
     * @return the bus's answer
     */
    public PutEventsResult putBatchOnBus() {
        return bridge.putEvents(batch);
    }

    /**
     * Matches the delivered envelope with the bare machine: the floor the bus is measured against.
     *
     * @return the names of the matching rules
     * @throws Exception never for the envelopes used here (event-ruler declares it for unparsable JSON)
     */
    public List<String> matchDirectly() throws Exception {
        return machine.rulesForJSONEvent(envelope);
    }

    /**
     * Returns the envelope JSON the machine matches.
     *
     * @return the JSON, never {@code null}
     */
    public String envelope() {
        return envelope;
    }

    /**
     * Returns how many rules the workload holds.
     *
     * @return the count
     */
    public int ruleCount() {
        return rules.size();
    }

    /**
     * Checks that the bus delivers the event to exactly the rules the bare machine matches, and that the bus accepted
     * the entry.
     *
     * @return the names of the matching rules, sorted
     * @throws IllegalStateException if the two disagree
     */
    public Set<String> check() {
        bridge.deliveryLog().clear();
        PutEventsResult result = putOnBus();
        if (result.failedEntryCount() != 0) {
            throw new IllegalStateException("the bus refused the entry: " + result);
        }
        Set<String> delivered = new TreeSet<>();
        for (DeliveryAttempt attempt : bridge.deliveryLog().deliveries()) {
            delivered.add(attempt.ruleName());
        }
        Set<String> matched;
        try {
            matched = new TreeSet<>(matchDirectly());
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read the envelope", e);
        }
        if (!delivered.equals(matched)) {
            List<String> onlyBus = new ArrayList<>(delivered);
            onlyBus.removeAll(matched);
            List<String> onlyRuler = new ArrayList<>(matched);
            onlyRuler.removeAll(delivered);
            throw new IllegalStateException("the bus and event-ruler disagree: only the bus delivered to " + onlyBus
                    + ", only event-ruler matched " + onlyRuler);
        }
        bridge.deliveryLog().clear();
        return matched;
    }
}
