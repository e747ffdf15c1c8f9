package com.withcoherence.events.model;

import static com.withcoherence.events.model.FuzzInvariants.allocationBudget;
import static com.withcoherence.events.model.FuzzInvariants.wellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.withcoherence.events.model.Reconciliation.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link EnvironmentTracker}: a tracker with any settings, fed any run of events built from the fuzz input
 * (a few applications, names and CloudFront ids, times that collide often, redeliveries) in any order, with held
 * snapshots confirmed or discarded on the way. Besides the invariants of every target ({@link FuzzInvariants}), it
 * checks what the tracker's Javadoc promises: a dry run returns the state it was given, every state writes to JSON and
 * reads back equal, and without guard rails the state after the events is the state after the same events applied in
 * time order, however they were ordered or repeated.
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EnvironmentTrackerFuzzTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final String[] APPLICATIONS = {"shop", "blog", "12309ijsdf-your-app-name"};
    private static final String[] NAMES = {"main", "feature-x", "feature-y", "a/b~c"};
    private static final String[] CLOUDFRONT_IDS = {"E1", "E2", "E3"};

    /** The canonical order of the tracker's rules: time, then new_environments first, then id. */
    private static final Comparator<CoherenceEvent> TIME_ORDER = Comparator.comparing(CoherenceEvent::time)
            .thenComparing(e -> e instanceof ValidEnvironmentsEvent ? 1 : 0)
            .thenComparing(CoherenceEvent::id);

    @FuzzTest
    void apply(FuzzedDataProvider data) throws Exception {
        allocationBudget(data.remainingBytes(), () -> {
            int remembered = data.consumeBoolean() ? EnvironmentTracker.DEFAULT_REMEMBERED_EVENTS
                    : data.consumeInt(0, 6);
            EnvironmentTracker guarded = EnvironmentTracker.builder()
                    .maxRemovedFraction(data.pickValue(new double[] {0.0, 0.25, 0.5, 1.0}))
                    .maxRemovedCount(data.consumeBoolean() ? Integer.MAX_VALUE : data.consumeInt(0, 4))
                    .holdEmptySnapshots(data.consumeBoolean())
                    .rememberedEvents(remembered)
                    .build();
            EnvironmentTracker open = EnvironmentTracker.builder().maxRemovedFraction(1.0).holdEmptySnapshots(false)
                    .rememberedEvents(remembered).build();
            EnvironmentTracker dryRun = guarded.toBuilder().dryRun(true).build();

            List<CoherenceEvent> distinct = new ArrayList<>();
            List<CoherenceEvent> delivered = new ArrayList<>();
            TrackerState state = TrackerState.empty();
            TrackerState unguarded = TrackerState.empty();
            for (int step = 0; step < 24 && data.remainingBytes() > 0; step++) {
                int action = data.consumeInt(0, 9);
                if (action == 0 && !state.held().isEmpty()) {
                    String id = data.pickValue(state.held()).id();
                    Reconciliation result = data.consumeBoolean() ? guarded.confirmHeld(state, id)
                            : guarded.discardHeld(state, id);
                    state = checked(state, result, false);
                    continue;
                }
                CoherenceEvent event;
                if (action == 1 && !delivered.isEmpty()) {
                    event = data.pickValue(delivered); // a redelivery
                } else {
                    event = event(data, "e" + distinct.size());
                    distinct.add(event);
                }
                delivered.add(event);
                checked(state, dryRun.apply(state, event), true);
                state = checked(state, guarded.apply(state, event), false);
                unguarded = checked(unguarded, open.apply(unguarded, event), false);
            }

            List<CoherenceEvent> inTimeOrder = new ArrayList<>(distinct);
            inTimeOrder.sort(TIME_ORDER);
            TrackerState expected = TrackerState.empty();
            for (CoherenceEvent event : inTimeOrder) {
                expected = open.apply(expected, event).state();
            }
            assertEquals(expected, unguarded, () -> "delivered as " + ids(delivered));
        });
    }

    /** Checks one reconciliation and returns the state to go on with. */
    private static TrackerState checked(TrackerState before, Reconciliation result, boolean dryRun) {
        assertEquals(dryRun, result.dryRun());
        if (dryRun) {
            assertSame(before, result.state(), "a dry run must return the state it was given");
        }
        if (result.outcome() != Outcome.APPLIED) {
            assertTrue(!result.hasChanges() && result.unchanged().isEmpty(), result::explanation);
        }
        TrackerState after = result.state();
        String json = after.toJson();
        try {
            assertEquals(after, TrackerState.fromJson(json), json);
        } catch (CoherenceEventException e) {
            wellFormed(e);
            throw new AssertionError("the tracker made a state it cannot read back: " + json, e);
        }
        return after;
    }

    private static CoherenceEvent event(FuzzedDataProvider data, String id) {
        Instant time = START.plusSeconds(data.consumeInt(0, 30));
        if (data.consumeInt(0, 7) == 0) {
            time = time.plusNanos(data.consumeInt(1, 999_999_999));
        }
        int kind = data.consumeInt(0, 12);
        if (kind == 0) {
            return new UnknownCoherenceEvent("0", id, "environment_deleted", "1234596789", time, "us-east-1",
                    List.of(), "{}");
        }
        List<Environment> environments = new ArrayList<>();
        for (int n = data.consumeInt(0, 5); n > 0; n--) {
            environments.add(new Environment(data.pickValue(CLOUDFRONT_IDS), data.pickValue(NAMES),
                    data.pickValue(APPLICATIONS)));
        }
        if (kind <= 6) {
            return new NewEnvironmentsEvent("0", id, "1234596789", time, "us-east-1", List.of(), environments);
        }
        return new ValidEnvironmentsEvent("0", id, "1234596789", time, "us-east-1", List.of(), environments);
    }

    private static List<String> ids(List<CoherenceEvent> events) {
        return events.stream().map(e -> e.id() + "@" + e.time()).toList();
    }
}
