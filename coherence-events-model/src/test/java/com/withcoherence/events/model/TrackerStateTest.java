package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_NEW;
import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_VALID;
import static com.withcoherence.events.model.TrackerFixtures.created;
import static com.withcoherence.events.model.TrackerFixtures.env;
import static com.withcoherence.events.model.TrackerFixtures.sample;
import static com.withcoherence.events.model.TrackerFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackerStateTest {

    private static final EnvironmentTracker TRACKER = EnvironmentTracker.withDefaults();

    private static TrackerState applied(CoherenceEvent... events) {
        TrackerState state = TrackerState.empty();
        for (CoherenceEvent event : events) {
            state = TRACKER.apply(state, event).state();
        }
        return state;
    }

    @Test
    void theEmptyStateKnowsNothing() {
        TrackerState empty = TrackerState.empty();

        assertEquals(Map.of(), empty.environments());
        assertEquals(List.of(), empty.held());
        assertEquals(List.of(), empty.rememberedEventIds());
        assertEquals(Optional.empty(), empty.snapshotTime("12309ijsdf-your-app-name"));
        assertEquals("TrackerState[environments=0, applications=0, held=0, rememberedEvents=0]", empty.toString());
    }

    @Test
    void tracksTheSnapshotWithNewerAnnouncementsLaidOverIt() {
        TrackerState state = applied(sample(SAMPLE_VALID),
                created("n3", "2023-05-19T15:00:00Z", "12309ijsdf-your-app-name/main=ENEWMAIN",
                        "12309ijsdf-your-app-name/feature-z=EZZZ"));

        assertEquals(List.of(
                env("12309ijsdf-your-app-name/another-test-env=E2QXXI0WZW0C68"),
                env("12309ijsdf-your-app-name/feature-z=EZZZ"),
                env("12309ijsdf-your-app-name/main=ENEWMAIN"),
                env("12309ijsdf-your-app-name/some-env-name=E39Y1123213"),
                env("12309ijsdf-your-app-name/update-subscribe-button=E1JAHDXHMQLLSJ")),
                List.copyOf(state.environments().values()));
        assertEquals(Optional.of(env("12309ijsdf-your-app-name/feature-z=EZZZ")),
                state.environment(new EnvironmentKey("12309ijsdf-your-app-name", "feature-z")));
        assertEquals(Optional.empty(), state.environment(new EnvironmentKey("12309ijsdf-your-app-name", "gone")));
        assertEquals(Optional.of(Instant.parse("2023-05-19T14:15:27Z")),
                state.snapshotTime("12309ijsdf-your-app-name"), "an announcement is not a snapshot");
    }

    @Test
    void keysEveryEnvironmentByItsApplicationAndName() {
        TrackerState state = applied(valid("v1", "2024-03-01T10:00:00Z", "shop/main=S", "blog/main=B"));

        state.environments().forEach((key, environment) -> assertEquals(EnvironmentKey.of(environment), key));
        assertEquals(List.of(new EnvironmentKey("blog", "main"), new EnvironmentKey("shop", "main")),
                List.copyOf(state.environments().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> state.environments().clear());
    }

    @Test
    void statesFromTheSameEventsInAnotherOrderAreEqual() {
        TrackerState ordered = applied(sample(SAMPLE_NEW), sample(SAMPLE_VALID));
        TrackerState reversed = applied(sample(SAMPLE_VALID), sample(SAMPLE_NEW));

        assertEquals(ordered, reversed);
        assertEquals(ordered.hashCode(), reversed.hashCode());
        assertEquals(List.of("1bb332f8-acc2-adcb-0878-4c0fe06aaf7d", "8573c1ce-132d-af52-c64f-045f162e6107"),
                reversed.rememberedEventIds(), "remembered oldest event first");
        assertNotEquals(ordered, applied(sample(SAMPLE_VALID)), "remembering an event is part of the state");
        assertNotEquals(ordered, null);
        assertNotEquals(ordered, ordered.toJson());
    }

    @Test
    void holdsASnapshotUntilANewerOneForItsApplicationsIsApplied() {
        TrackerState held = applied(valid("v1", "2024-03-01T10:00:00Z", "shop/main=M", "shop/a=A", "shop/b=B"),
                valid("v2", "2024-03-01T11:00:00Z", "shop/main=M"),
                valid("w1", "2024-03-01T11:30:00Z", "blog/main=B"));

        assertEquals(List.of("v2"), held.held().stream().map(CoherenceEvent::id).toList());

        TrackerState superseded = TRACKER.apply(held,
                valid("v3", "2024-03-01T12:00:00Z", "shop/main=M", "shop/a=A", "shop/b=B")).state();
        assertEquals(List.of(), superseded.held());
    }

    @Test
    void rejectsNullArguments() {
        TrackerState state = TrackerState.empty();

        assertThrows(CoherenceEventException.class, () -> state.environment(null));
        assertThrows(CoherenceEventException.class, () -> state.snapshotTime(null));
        assertThrows(CoherenceEventException.class, () -> TrackerState.fromJson(null));
    }

    @Test
    void toJsonAndFromJsonAreInverse() {
        TrackerState state = applied(valid("ve", "2023-05-19T12:00:00Z"), sample(SAMPLE_NEW), sample(SAMPLE_VALID),
                created("n3", "2023-05-19T15:00:00Z", "12309ijsdf-your-app-name/feature-z=EZZZ"),
                valid("v4", "2023-05-19T16:00:00Z", "12309ijsdf-your-app-name/main=E1LPXKCLUIFVWG"));

        TrackerState read = TrackerState.fromJson(state.toJson());

        assertEquals(state, read);
        assertEquals(state.toJson(), read.toJson());
        assertTrue(state.held().size() == 1 && state.rememberedEventIds().size() == 5, state.toJson());
    }
}
