package com.withcoherence.events.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * volatile write, so PutEvents never locks and never sees a half-made change. The machine is rebuilt rather than
 * updated with {@code deleteRule}, which needs the exact patterns that were added and can leave state behind.
 * event-ruler's machine is safe for concurrent matching.
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
    private final Machine machine;
    private final Map<String, RouteRule> rules;
    final List<ArchiveStore> archives;

    Routing(String busName, String busArn, Map<String, RouteRule> rules, Map<String, String> patterns,
            List<ArchiveStore> archives) {
        this.busName = busName;
        this.busArn = busArn;
        this.rules = Map.copyOf(rules);
        this.archives = List.copyOf(archives);
        if (patterns.isEmpty()) {
            this.machine = null;
        } else {
            Machine built = Machine.builder().build();
            for (Map.Entry<String, String> rule : patterns.entrySet()) {
                PatternValidation.add(built, rule.getKey(), rule.getValue());
            }
            this.machine = built;
        }
    }

    /**
     * Returns the enabled rules whose pattern matches {@code event}, by name, matched with
     * {@code rulesForJSONEvent} (array-consistent).
     */
    List<RouteRule> match(ObjectNode event) {
        if (machine == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(machine.rulesForJSONEvent(event));
        if (names.isEmpty()) {
            return List.of();
        }
        Collections.sort(names);
        List<RouteRule> matched = new ArrayList<>(names.size());
        for (String name : names) {
            RouteRule rule = rules.get(name);
            if (rule != null) {
                matched.add(rule);
            }
        }
        return matched;
    }
}
