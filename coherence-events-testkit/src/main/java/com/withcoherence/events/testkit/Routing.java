package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.event.ruler.Machine;

/**
 * What PutEvents needs to route on one bus, frozen: a fresh event-ruler {@link Machine} holding the bus's enabled
 * rules, the rules' targets, and the bus's archives.
 *
 * <p>The bridge builds a new snapshot whenever a rule, target or archive of the bus changes and publishes it with one
 * volatile write, so PutEvents never sees a half-made change. The machine is rebuilt (on the first event after the
 * change) rather than updated with {@code deleteRule}, which needs the exact patterns that were added and can leave
 * state behind. event-ruler's machine is safe for concurrent matching.
 */
final class Routing {

    /** One rule as the router sees it. */
    record RouteRule(String name, String arn, String busName, List<Target> targets) {
        RouteRule {
            targets = List.copyOf(targets);
        }
    }

    /** One archived event: the envelope as put, and when the bus received it. */
    record ArchivedEvent(Instant ingestionTime, ObjectNode event) {
    }

    /** An archive and the events it holds; the queue is shared by every snapshot of the bus. */
    record ArchiveStore(String name, String arn, String busName, Optional<String> pattern, Machine machine,
            Instant creationTime, ConcurrentLinkedQueue<ArchivedEvent> events) {

        boolean accepts(ObjectNode event) {
            return machine == null || !machine.rulesForJSONEvent(event).isEmpty();
        }
    }

    final String busName;
    final String busArn;
    private final Map<String, String> patterns;
    private final Map<String, RouteRule> rules;
    /** The rules sorted by name, and each name's place in that order. */
    private final RouteRule[] ordered;
    private final Map<String, Integer> order;
    final List<ArchiveStore> archives;
    /** Built on the first match, so that a burst of rule changes without events costs no machine builds. */
    private volatile Machine machine;

    Routing(String busName, String busArn, Map<String, RouteRule> rules, Map<String, String> patterns,
            List<ArchiveStore> archives, Routing previous) {
        this.busName = busName;
        this.busArn = busArn;
        this.rules = Map.copyOf(rules);
        this.ordered = rules.values().toArray(new RouteRule[0]);
        Arrays.sort(ordered, Comparator.comparing(RouteRule::name));
        Map<String, Integer> places = new HashMap<>();
        for (int i = 0; i < ordered.length; i++) {
            places.put(ordered[i].name(), i);
        }
        this.order = Map.copyOf(places);
        this.patterns = new LinkedHashMap<>(patterns);
        this.archives = List.copyOf(archives);
        if (previous != null && previous.patterns.equals(this.patterns)) {
            // Only targets or archives changed: the enabled patterns, and so the machine, are the same.
            this.machine = previous.machine;
        }
    }

    private Machine machine() {
        Machine built = machine;
        if (built == null) {
            synchronized (this) {
                built = machine;
                if (built == null) {
                    built = Machine.builder().build();
                    for (Map.Entry<String, String> rule : patterns.entrySet()) {
                        // Every pattern passed the same engine when its rule was put.
                        PatternValidation.add(built, rule.getKey(), rule.getValue());
                    }
                    machine = built;
                }
            }
        }
        return built;
    }

    /**
     * Returns the enabled rules whose pattern matches {@code event}, by name, matched with
     * {@code rulesForJSONEvent} (array-consistent).
     */
    List<RouteRule> match(ObjectNode event) {
        if (patterns.isEmpty()) {
            return List.of();
        }
        List<String> names = machine().rulesForJSONEvent(event);
        if (names.isEmpty()) {
            return List.of();
        }
        if (names.size() == 1) {
            RouteRule rule = rules.get(names.get(0));
            return rule == null ? List.of() : List.of(rule);
        }
        // Deliveries follow the rules' names: mark each match's place in that order instead of sorting the names.
        boolean[] hit = new boolean[ordered.length];
        for (String name : names) {
            Integer index = order.get(name);
            if (index != null) {
                hit[index] = true;
            }
        }
        List<RouteRule> matched = new ArrayList<>(names.size());
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                matched.add(ordered[i]);
            }
        }
        return matched;
    }
}
