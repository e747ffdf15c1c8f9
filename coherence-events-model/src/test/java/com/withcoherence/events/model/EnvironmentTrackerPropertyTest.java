package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.withcoherence.events.model.Reconciliation.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;

/**
 * The tracker's central promise, over scenarios built from fuzz input: Coherence runs on one or two applications, each
 * run announcing the environments it created ({@code new_environments}) and then listing every active one
 * ({@code valid_environments}, sometimes in the same second), with environments created, removed and moved to another
 * CloudFront id from run to run.
 *
 * <ul>
 *   <li>Delivered in time order, every event is applied, and the tracked environments are those of each
 *       application's last run, as this test's own model of the runs says.</li>
 *   <li>Delivered in any order, with any event repeated, the state is the state of the ordered delivery; with any
 *       memory of event ids (down to none) too.</li>
 *   <li>With the default guard rails, the snapshots held on the way, once confirmed, give that state as well:
 *       holding only defers.</li>
 * </ul>
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EnvironmentTrackerPropertyTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final String[] NAMES = {"main", "feature-a", "feature-b", "fix/1", "x~y"};
    private static final String[] CLOUDFRONT_IDS = {"E1AAA", "E2BBB", "E3CCC"};

    private static final EnvironmentTracker OPEN = EnvironmentTracker.builder()
            .maxRemovedFraction(1.0)
            .holdEmptySnapshots(false)
            .build();

    @FuzzTest
    void anyOrderAndRepetitionGivesTheStateOfTheOrderedRun(FuzzedDataProvider data) {
        Scenario scenario = scenario(data);

        TrackerState ordered = TrackerState.empty();
        for (CoherenceEvent event : scenario.events) {
            Reconciliation result = OPEN.apply(ordered, event);
            assertEquals(Outcome.APPLIED, result.outcome(), result.explanation());
            ordered = result.state();
        }
        assertEquals(scenario.expected, texts(ordered), "the ordered run does not end where its runs did");

        List<CoherenceEvent> delivery = shuffledWithRepeats(data, scenario.events);
        assertEquals(ordered, deliver(OPEN, delivery), () -> "delivered as " + ids(delivery));

        EnvironmentTracker forgetful = OPEN.toBuilder().rememberedEvents(data.consumeInt(0, 3)).build();
        assertEquals(deliver(forgetful, scenario.events), deliver(forgetful, delivery),
                () -> "with " + forgetful.rememberedEvents() + " remembered ids, delivered as " + ids(delivery));

        EnvironmentTracker guarded = EnvironmentTracker.withDefaults();
        TrackerState state = deliver(guarded, delivery);
        while (!state.held().isEmpty()) {
            state = guarded.confirmHeld(state, state.held().get(0).id()).state();
        }
        assertEquals(ordered, state, () -> "held snapshots confirmed at the end, delivered as " + ids(delivery));
    }

    /** The events of the runs in time order, and the environments the last runs leave, as app/env=CLOUDFRONT_ID. */
    private record Scenario(List<CoherenceEvent> events, List<String> expected) {
    }

    private static Scenario scenario(FuzzedDataProvider data) {
        List<String> applications = data.consumeBoolean() ? List.of("shop") : List.of("shop", "blog");
        List<CoherenceEvent> events = new ArrayList<>();
        Map<String, String> tracked = new TreeMap<>();
        for (String application : applications) {
            Map<String, String> environments = new TreeMap<>();
            int runs = data.consumeInt(1, 3);
            for (int run = 0; run < runs; run++) {
                Map<String, String> created = new TreeMap<>();
                for (String name : NAMES) {
                    switch (data.consumeInt(0, 5)) {
                        case 0 -> environments.remove(name);
                        case 1, 2 -> {
                            if (!environments.containsKey(name)) {
                                String cloudfrontId = data.pickValue(CLOUDFRONT_IDS);
                                environments.put(name, cloudfrontId);
                                created.put(name, cloudfrontId);
                            }
                        }
                        case 3 -> environments.computeIfPresent(name, (n, id) -> data.pickValue(CLOUDFRONT_IDS));
                        default -> {
                        }
                    }
                }
                // With two applications on one state, a snapshot listing nothing would speak for both: keep one.
                if (environments.isEmpty() && applications.size() > 1) {
                    environments.put("main", CLOUDFRONT_IDS[0]);
                    created.put("main", CLOUDFRONT_IDS[0]);
                }
                Instant announced = START.plusSeconds(3600L * run + 60L * applications.indexOf(application));
                Instant listed = announced.plusSeconds(data.consumeInt(0, 3));
                String at = application + "-" + run;
                events.add(new NewEnvironmentsEvent("0", "new-" + at, "1234596789", announced, "us-east-1",
                        List.of(), environments(application, created)));
                events.add(new ValidEnvironmentsEvent("0", "valid-" + at, "1234596789", listed, "us-east-1",
                        List.of(), environments(application, environments)));
            }
            environments.forEach((name, id) -> tracked.put(application + "/" + name, id));
        }
        events.sort(Comparator.comparing(CoherenceEvent::time)
                .thenComparing(e -> e instanceof ValidEnvironmentsEvent ? 1 : 0)
                .thenComparing(CoherenceEvent::id));
        List<String> expected = new ArrayList<>();
        tracked.forEach((key, id) -> expected.add(key + "=" + id));
        return new Scenario(List.copyOf(events), expected);
    }

    private static List<Environment> environments(String application, Map<String, String> byName) {
        List<Environment> list = new ArrayList<>();
        byName.forEach((name, id) -> list.add(new Environment(id, name, application)));
        return list;
    }

    /** A permutation of the events, with some delivered again at a later position. */
    private static List<CoherenceEvent> shuffledWithRepeats(FuzzedDataProvider data, List<CoherenceEvent> events) {
        List<CoherenceEvent> delivery = new ArrayList<>(events);
        for (int i = delivery.size() - 1; i > 0; i--) {
            int j = data.consumeInt(0, i);
            CoherenceEvent swap = delivery.get(i);
            delivery.set(i, delivery.get(j));
            delivery.set(j, swap);
        }
        for (int repeats = data.consumeInt(0, 4); repeats > 0; repeats--) {
            CoherenceEvent again = data.pickValue(events);
            delivery.add(data.consumeInt(delivery.indexOf(again) + 1, delivery.size()), again);
        }
        return delivery;
    }

    private static TrackerState deliver(EnvironmentTracker tracker, List<CoherenceEvent> events) {
        TrackerState state = TrackerState.empty();
        for (CoherenceEvent event : events) {
            state = tracker.apply(state, event).state();
        }
        return state;
    }

    private static List<String> texts(TrackerState state) {
        return state.environments().values().stream().map(TrackerFixtures::text).toList();
    }

    private static List<String> ids(List<CoherenceEvent> events) {
        return events.stream().map(CoherenceEvent::id).toList();
    }
}
