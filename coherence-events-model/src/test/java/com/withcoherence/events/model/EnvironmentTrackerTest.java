package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_NEW;
import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_VALID;
import static com.withcoherence.events.model.TrackerFixtures.created;
import static com.withcoherence.events.model.TrackerFixtures.sample;
import static com.withcoherence.events.model.TrackerFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.withcoherence.events.model.Reconciliation.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentTrackerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** No guard rails: every snapshot is applied. */
    private static final EnvironmentTracker OPEN = EnvironmentTracker.builder()
            .maxRemovedFraction(1.0)
            .holdEmptySnapshots(false)
            .build();

    private static final EnvironmentTracker DEFAULTS = EnvironmentTracker.withDefaults();

    // ---------------------------------------------------------------------------------------------------------------
    // Sequences: src/test/resources/tracker/sequences/*.json

    static Stream<Arguments> sequences() throws IOException, URISyntaxException {
        Path directory = Path.of(EnvironmentTrackerTest.class.getResource("/tracker/sequences").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
            assertTrue(sorted.size() >= 15, "the sequence files are missing: " + sorted);
            return sorted.stream().map(f -> Arguments.of(Named.of(f.getFileName().toString(), f)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void followsTheSequence(Path file) throws IOException {
        JsonNode scenario = MAPPER.readTree(file.toFile());
        EnvironmentTracker tracker = tracker(scenario.path("tracker"));
        Map<String, CoherenceEvent> events = events(scenario.get("events"));
        TrackerState state = TrackerState.empty();
        int index = 0;
        for (JsonNode step : scenario.get("steps")) {
            String where = file.getFileName() + ", step " + index++ + " " + step;
            Reconciliation result;
            if (step.has("apply")) {
                result = tracker.apply(state, event(events, step.get("apply").asText()));
            } else if (step.has("confirm")) {
                result = tracker.confirmHeld(state, event(events, step.get("confirm").asText()).id());
            } else {
                result = tracker.discardHeld(state, event(events, step.get("discard").asText()).id());
            }
            String explained = where + "\n  explanation: " + result.explanation();
            assertEquals(step.get("outcome").asText(), result.outcome().name(), explained);
            assertEquals(texts(step.get("created")), map(result.created(), TrackerFixtures::text), explained);
            assertEquals(texts(step.get("removed")), map(result.removed(), TrackerFixtures::text), explained);
            assertEquals(texts(step.get("changed")), map(result.changed(), TrackerFixtures::text), explained);
            assertEquals(texts(step.get("unchanged")), map(result.unchanged(), TrackerFixtures::text), explained);
            assertEquals(tracker.dryRun(), result.dryRun(), explained);
            if (step.has("explains")) {
                assertTrue(result.explanation().contains(step.get("explains").asText()), explained);
            }
            if (tracker.dryRun() || result.outcome() == Outcome.DUPLICATE || result.outcome() == Outcome.IGNORED) {
                assertSame(state, result.state(), explained + "\n  must leave the state unchanged");
            } else {
                assertNotEquals(state, result.state(), explained + "\n  must record the event");
            }
            assertEquals(result.state(), TrackerState.fromJson(result.state().toJson()), explained);
            state = result.state();
        }
        assertEquals(texts(scenario.get("environments")), map(state.environments().values(), TrackerFixtures::text),
                file.getFileName() + ": the environments tracked at the end");
        List<String> held = new ArrayList<>();
        for (JsonNode name : scenario.path("held")) {
            held.add(event(events, name.asText()).id());
        }
        assertEquals(held, map(state.held(), CoherenceEvent::id), file.getFileName() + ": the held snapshots");
    }

    private static EnvironmentTracker tracker(JsonNode settings) {
        EnvironmentTracker.Builder builder = EnvironmentTracker.builder();
        if (settings.has("maxRemovedFraction")) {
            builder.maxRemovedFraction(settings.get("maxRemovedFraction").asDouble());
        }
        if (settings.has("maxRemovedCount")) {
            builder.maxRemovedCount(settings.get("maxRemovedCount").asInt());
        }
        if (settings.has("holdEmptySnapshots")) {
            builder.holdEmptySnapshots(settings.get("holdEmptySnapshots").asBoolean());
        }
        if (settings.has("dryRun")) {
            builder.dryRun(settings.get("dryRun").asBoolean());
        }
        return builder.build();
    }

    /** The events of a sequence, by name; the name is the event id unless the event is a documented sample. */
    private static Map<String, CoherenceEvent> events(JsonNode definitions) {
        Map<String, CoherenceEvent> events = new LinkedHashMap<>();
        definitions.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode definition = entry.getValue();
            if (definition.has("sample")) {
                events.put(name, sample(definition.get("sample").asText()));
                return;
            }
            String type = definition.get("type").asText();
            String time = definition.get("time").asText();
            String[] environments = texts(definition.get("environments")).toArray(new String[0]);
            switch (type) {
                case CoherenceBus.NEW_ENVIRONMENTS:
                    events.put(name, created(name, time, environments));
                    break;
                case CoherenceBus.VALID_ENVIRONMENTS:
                    events.put(name, valid(name, time, environments));
                    break;
                default:
                    events.put(name, TrackerFixtures.unknown(name, time, type, definition.get("detail").toString()));
                    break;
            }
        });
        return events;
    }

    private static CoherenceEvent event(Map<String, CoherenceEvent> events, String name) {
        CoherenceEvent event = events.get(name);
        if (event == null) {
            throw new IllegalArgumentException("the sequence names an event it does not define: " + name);
        }
        return event;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    private static <T> List<String> map(java.util.Collection<T> values, Function<T, String> text) {
        return values.stream().map(text).collect(Collectors.toList());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Settings

    @Test
    void hasSafeDefaults() {
        EnvironmentTracker tracker = EnvironmentTracker.withDefaults();

        assertEquals(0.5, tracker.maxRemovedFraction());
        assertEquals(Integer.MAX_VALUE, tracker.maxRemovedCount());
        assertTrue(tracker.holdsEmptySnapshots());
        assertFalse(tracker.dryRun());
        assertEquals(128, tracker.rememberedEvents());
    }

    @Test
    void rejectsEverySettingOutOfRangeAtOnce() {
        CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> EnvironmentTracker.builder()
                .maxRemovedFraction(1.5)
                .maxRemovedCount(-1)
                .rememberedEvents(10_001)
                .build());

        assertTrue(e.getMessage().contains("maxRemovedFraction must be from 0 to 1"), e.getMessage());
        assertTrue(e.getMessage().contains("maxRemovedCount must be 0 or more"), e.getMessage());
        assertTrue(e.getMessage().contains("rememberedEvents must be from 0 to 10000"), e.getMessage());
        assertThrows(CoherenceEventException.class,
                () -> EnvironmentTracker.builder().maxRemovedFraction(Double.NaN).build());
    }

    @Test
    void copiesItsSettingsIntoABuilder() {
        EnvironmentTracker tracker = EnvironmentTracker.builder().maxRemovedFraction(0.25).maxRemovedCount(3)
                .holdEmptySnapshots(false).rememberedEvents(7).build();

        EnvironmentTracker dryRun = tracker.toBuilder().dryRun(true).build();

        assertEquals(0.25, dryRun.maxRemovedFraction());
        assertEquals(3, dryRun.maxRemovedCount());
        assertFalse(dryRun.holdsEmptySnapshots());
        assertEquals(7, dryRun.rememberedEvents());
        assertTrue(dryRun.dryRun());
        assertFalse(tracker.dryRun());
        assertEquals("EnvironmentTracker[maxRemovedFraction=0.25, maxRemovedCount=3, holdEmptySnapshots=false, "
                + "dryRun=true, rememberedEvents=7]", dryRun.toString());
    }

    @Test
    void allowsTheFloorOfTheFractionOfTrackedEnvironmentsToBeRemoved() {
        EnvironmentTracker tracker = EnvironmentTracker.builder().maxRemovedFraction(0.29).build();

        assertEquals(29, tracker.allowedRemovals(100), "0.29 × 100 is 28.999999999999996 in doubles");
        assertEquals(7, EnvironmentTracker.builder().maxRemovedFraction(0.7).build().allowedRemovals(10));
        assertEquals(0, DEFAULTS.allowedRemovals(1));
        assertEquals(1, DEFAULTS.allowedRemovals(2));
        assertEquals(1, DEFAULTS.allowedRemovals(3));
        assertEquals(3, EnvironmentTracker.builder().maxRemovedFraction(0.3).build().allowedRemovals(10));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Guard rails, confirmation and discarding

    private final ValidEnvironmentsEvent four = valid("v1", "2024-03-01T10:00:00Z",
            "shop/main=M", "shop/a=A", "shop/b=B", "shop/c=C");
    private final ValidEnvironmentsEvent one = valid("v2", "2024-03-01T11:00:00Z", "shop/main=M");

    @Test
    void explainsWhyASnapshotIsHeldAndHowToReleaseIt() {
        TrackerState state = DEFAULTS.apply(TrackerState.empty(), four).state();

        Reconciliation held = DEFAULTS.apply(state, one);

        assertEquals(Outcome.HELD, held.outcome());
        assertEquals(List.of(one), held.state().held());
        assertEquals(state.environments(), held.state().environments(), "nothing is removed while held");
        assertTrue(held.explanation().contains("it would remove 3 of the 4 environments tracked for its "
                + "applications, more than maxRemovedFraction 0.5 allows (2)"), held.explanation());
        assertTrue(held.explanation().contains("confirmHeld(state, \"v2\")"), held.explanation());
    }

    @Test
    void previewsAConfirmationWithADryRunCopy() {
        TrackerState state = DEFAULTS.apply(DEFAULTS.apply(TrackerState.empty(), four).state(), one).state();

        Reconciliation preview = DEFAULTS.toBuilder().dryRun(true).build().confirmHeld(state, "v2");

        assertEquals(Outcome.APPLIED, preview.outcome());
        assertTrue(preview.dryRun());
        assertSame(state, preview.state());
        assertEquals(map(preview.removed(), TrackerFixtures::text), List.of("shop/a=A", "shop/b=B", "shop/c=C"));
        assertTrue(preview.explanation().startsWith("dry run, state unchanged: confirmed held snapshot"),
                preview.explanation());
    }

    @Test
    void confirmingAppliesTheHeldSnapshot() {
        TrackerState state = DEFAULTS.apply(DEFAULTS.apply(TrackerState.empty(), four).state(), one).state();

        Reconciliation confirmed = DEFAULTS.confirmHeld(state, "v2");

        assertEquals(Outcome.APPLIED, confirmed.outcome());
        assertSame(one, confirmed.event());
        assertEquals(List.of(), confirmed.state().held());
        assertEquals(List.of("shop/main=M"), map(confirmed.state().environments().values(), TrackerFixtures::text));
        assertEquals(Instant.parse("2024-03-01T11:00:00Z"), confirmed.state().snapshotTime("shop").orElseThrow());
    }

    @Test
    void refusesToConfirmOrDiscardASnapshotThatIsNotHeld() {
        TrackerState state = DEFAULTS.apply(TrackerState.empty(), four).state();

        CoherenceEventException unknown = assertThrows(CoherenceEventException.class,
                () -> DEFAULTS.confirmHeld(state, "nope"));
        assertTrue(unknown.getMessage().contains("no event with this id was processed; no snapshot is held now"),
                unknown.getMessage());

        TrackerState held = DEFAULTS.apply(state, one).state();
        TrackerState confirmed = DEFAULTS.confirmHeld(held, "v2").state();
        CoherenceEventException again = assertThrows(CoherenceEventException.class,
                () -> DEFAULTS.discardHeld(confirmed, "v2"));
        assertTrue(again.getMessage().contains("it was confirmed or discarded already"), again.getMessage());

        CoherenceEventException other = assertThrows(CoherenceEventException.class,
                () -> DEFAULTS.confirmHeld(held, "v1"));
        assertTrue(other.getMessage().contains("the held snapshots are v2"), other.getMessage());
        assertThrows(CoherenceEventException.class, () -> DEFAULTS.confirmHeld(held, null));
        assertThrows(CoherenceEventException.class, () -> DEFAULTS.discardHeld(null, "v2"));
    }

    @Test
    void rejectsNullArguments() {
        assertThrows(CoherenceEventException.class, () -> DEFAULTS.apply(null, four));
        assertThrows(CoherenceEventException.class, () -> DEFAULTS.apply(TrackerState.empty(), null));
    }

    @Test
    void anEmptySnapshotStandsForApplicationsItHasNotSeenYet() {
        TrackerState emptied = OPEN.apply(TrackerState.empty(), valid("v9", "2024-03-01T12:00:00Z")).state();

        Reconciliation late = OPEN.apply(emptied, created("n1", "2024-03-01T11:00:00Z", "blog/main=B"));

        assertEquals(Outcome.STALE, late.outcome(), late.explanation());
        assertEquals(Instant.parse("2024-03-01T12:00:00Z"), emptied.snapshotTime("blog").orElseThrow());
    }

    @Test
    void remembersOnlyTheNewestEventsItIsAllowedTo() {
        EnvironmentTracker tracker = OPEN.toBuilder().rememberedEvents(2).build();
        TrackerState state = TrackerState.empty();
        for (CoherenceEvent event : List.of(
                valid("v3", "2024-03-01T12:00:00Z", "shop/main=M"),
                created("n1", "2024-03-01T10:00:00Z", "shop/a=A"),
                created("n4", "2024-03-01T13:00:00Z", "shop/b=B"))) {
            state = tracker.apply(state, event).state();
        }

        assertEquals(List.of("v3", "n4"), state.rememberedEventIds(), "the newest two by event time");
        assertEquals(List.of(), OPEN.toBuilder().rememberedEvents(0).build()
                .apply(TrackerState.empty(), four).state().rememberedEventIds());
    }

    @Test
    void recognisesARedeliveredSnapshotEvenWhenItsIdIsNoLongerRemembered() {
        EnvironmentTracker forgetful = OPEN.toBuilder().rememberedEvents(0).build();
        TrackerState state = forgetful.apply(TrackerState.empty(), four).state();

        Reconciliation again = forgetful.apply(state, four);

        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertSame(state, again.state());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Order independence: every permutation and duplication of a run's events gives the ordered run's state.

    @Nested
    class Permutations {

        /** The documented samples, then a run that adds an environment, moves main and removes another. */
        private final List<CoherenceEvent> documentedSamplesThenANextRun = List.of(
                sample(SAMPLE_NEW),
                sample(SAMPLE_VALID),
                created("n3", "2023-05-19T15:00:00Z", "12309ijsdf-your-app-name/feature-z=EZZZ"),
                valid("v3", "2023-05-19T15:00:05Z",
                        "12309ijsdf-your-app-name/main=ENEWMAIN",
                        "12309ijsdf-your-app-name/update-subscribe-button=E1JAHDXHMQLLSJ",
                        "12309ijsdf-your-app-name/some-env-name=E39Y1123213",
                        "12309ijsdf-your-app-name/feature-z=EZZZ"));

        /**
         * Three runs: a removal, a re-creation with a new CloudFront id, and a first run whose two events share a
         * second and disagree on a CloudFront id; the snapshot's id sorts first, so only the rule that an
         * announcement comes before a snapshot of the same second orders them.
         */
        private final List<CoherenceEvent> threeRuns = List.of(
                created("new-1", "2024-03-01T10:00:00Z", "shop/a=A0", "shop/b=B1"),
                valid("all-1", "2024-03-01T10:00:00Z", "shop/main=M1", "shop/a=A1", "shop/b=B1"),
                created("new-2", "2024-03-01T11:00:00Z", "shop/c=C1"),
                valid("all-2", "2024-03-01T11:00:02Z", "shop/main=M1", "shop/b=B1", "shop/c=C1"),
                created("new-3", "2024-03-01T12:00:00Z", "shop/a=A2"),
                valid("all-3", "2024-03-01T12:00:01Z", "shop/main=M2", "shop/a=A2", "shop/b=B1", "shop/c=C1"));

        /** Two applications, then a snapshot that lists nothing and a later announcement. */
        private final List<CoherenceEvent> twoApplicationsAndAnEmptySnapshot = List.of(
                valid("va1", "2024-03-01T10:00:00Z", "shop/main=S1", "shop/x=X1"),
                valid("vb1", "2024-03-01T10:30:00Z", "blog/main=B1"),
                created("na2", "2024-03-01T11:00:00Z", "shop/y=Y1"),
                valid("va2", "2024-03-01T11:00:01Z", "shop/main=S1", "shop/y=Y1"),
                valid("ve", "2024-03-01T12:00:00Z"),
                created("nb3", "2024-03-01T13:00:00Z", "blog/main=B2"));

        /** A snapshot that removes three of four environments, which the default guard holds. */
        private final List<CoherenceEvent> aSharpShrink = List.of(
                valid("v1", "2024-03-01T10:00:00Z", "shop/main=M", "shop/a=A", "shop/b=B", "shop/c=C"),
                valid("v2", "2024-03-01T11:00:00Z", "shop/main=M"),
                created("n3", "2024-03-01T12:00:00Z", "shop/d=D"),
                valid("v3", "2024-03-01T12:00:01Z", "shop/main=M", "shop/d=D"));

        private List<List<CoherenceEvent>> scenarios() {
            return List.of(documentedSamplesThenANextRun, threeRuns, twoApplicationsAndAnEmptySnapshot, aSharpShrink);
        }

        @Test
        void theScenariosEndWhereTheirOrderedRunsDo() {
            assertEquals(List.of("12309ijsdf-your-app-name/feature-z=EZZZ",
                    "12309ijsdf-your-app-name/main=ENEWMAIN",
                    "12309ijsdf-your-app-name/some-env-name=E39Y1123213",
                    "12309ijsdf-your-app-name/update-subscribe-button=E1JAHDXHMQLLSJ"),
                    texts(ordered(OPEN, documentedSamplesThenANextRun)));
            assertEquals(List.of("shop/a=A2", "shop/b=B1", "shop/c=C1", "shop/main=M2"),
                    texts(ordered(OPEN, threeRuns)));
            assertEquals(List.of("blog/main=B2"), texts(ordered(OPEN, twoApplicationsAndAnEmptySnapshot)));
            assertEquals(List.of("shop/d=D", "shop/main=M"), texts(ordered(OPEN, aSharpShrink)));
        }

        @Test
        void everyPermutationAndDuplicationGivesTheOrderedState() {
            int runs = 0;
            for (List<CoherenceEvent> scenario : scenarios()) {
                TrackerState expected = ordered(OPEN, scenario);
                for (List<CoherenceEvent> order : permutations(scenario)) {
                    for (List<CoherenceEvent> delivery : deliveries(order)) {
                        TrackerState state = deliver(OPEN, delivery);
                        assertEquals(expected, state, () -> "delivered as " + ids(delivery));
                        assertEquals(expected.toJson(), state.toJson());
                        runs++;
                    }
                }
            }
            assertEquals(3 * (24 + 720 + 720 + 24), runs);
        }

        @Test
        void aSecondDeliveryOfAnyEventIsADuplicateOrStaleAndChangesNothing() {
            for (List<CoherenceEvent> scenario : scenarios()) {
                for (List<CoherenceEvent> order : permutations(scenario)) {
                    TrackerState state = TrackerState.empty();
                    for (CoherenceEvent event : order) {
                        state = OPEN.apply(state, event).state();
                        for (CoherenceEvent earlier : order.subList(0, order.indexOf(event) + 1)) {
                            Reconciliation again = OPEN.apply(state, earlier);
                            assertEquals(Outcome.DUPLICATE, again.outcome(), again.explanation());
                            assertSame(state, again.state());
                        }
                    }
                }
            }
        }

        @Test
        void aSmallMemoryOfEventIdsKeepsTheStateOrderIndependent() {
            EnvironmentTracker forgetful = OPEN.toBuilder().rememberedEvents(2).build();
            for (List<CoherenceEvent> scenario : scenarios()) {
                TrackerState expected = ordered(forgetful, scenario);
                for (List<CoherenceEvent> order : permutations(scenario)) {
                    for (List<CoherenceEvent> delivery : deliveries(order)) {
                        TrackerState state = deliver(forgetful, delivery);
                        assertEquals(expected, state, () -> "delivered as " + ids(delivery));
                    }
                }
            }
        }

        @Test
        void holdingASnapshotOnlyDefersIt() {
            int held = 0;
            for (List<CoherenceEvent> scenario : scenarios()) {
                TrackerState expected = ordered(OPEN, scenario);
                for (List<CoherenceEvent> order : permutations(scenario)) {
                    for (List<CoherenceEvent> delivery : deliveries(order)) {
                        // An operator who confirms every held snapshot at once gets what no guard would have given.
                        TrackerState confirmedAtOnce = TrackerState.empty();
                        // One who confirms what is still held at the end gets the same.
                        TrackerState confirmedAtTheEnd = TrackerState.empty();
                        for (CoherenceEvent event : delivery) {
                            Reconciliation result = DEFAULTS.apply(confirmedAtOnce, event);
                            confirmedAtOnce = result.state();
                            if (result.outcome() == Outcome.HELD) {
                                held++;
                                confirmedAtOnce = DEFAULTS.confirmHeld(confirmedAtOnce, event.id()).state();
                            }
                            confirmedAtTheEnd = DEFAULTS.apply(confirmedAtTheEnd, event).state();
                        }
                        while (!confirmedAtTheEnd.held().isEmpty()) {
                            confirmedAtTheEnd = DEFAULTS.confirmHeld(confirmedAtTheEnd,
                                    confirmedAtTheEnd.held().get(0).id()).state();
                        }
                        assertEquals(expected, confirmedAtOnce, () -> "delivered as " + ids(delivery));
                        assertEquals(expected, confirmedAtTheEnd, () -> "delivered as " + ids(delivery));
                    }
                }
            }
            assertTrue(held > 1000, "the scenarios must exercise the guard rails, but only " + held + " were held");
        }

        private TrackerState ordered(EnvironmentTracker tracker, List<CoherenceEvent> events) {
            TrackerState state = TrackerState.empty();
            for (CoherenceEvent event : events) {
                Reconciliation result = tracker.apply(state, event);
                assertEquals(Outcome.APPLIED, result.outcome(), result.explanation());
                state = result.state();
            }
            return state;
        }

        private TrackerState deliver(EnvironmentTracker tracker, List<CoherenceEvent> events) {
            TrackerState state = TrackerState.empty();
            for (CoherenceEvent event : events) {
                state = tracker.apply(state, event).state();
            }
            return state;
        }

        private List<String> texts(TrackerState state) {
            return map(state.environments().values(), TrackerFixtures::text);
        }

        /** The order itself, each event delivered twice in a row, and the whole order delivered twice. */
        private List<List<CoherenceEvent>> deliveries(List<CoherenceEvent> order) {
            List<CoherenceEvent> doubled = new ArrayList<>();
            for (CoherenceEvent event : order) {
                doubled.add(event);
                doubled.add(event);
            }
            List<CoherenceEvent> twice = new ArrayList<>(order);
            twice.addAll(order);
            return List.of(order, doubled, twice);
        }

        private String ids(List<CoherenceEvent> events) {
            return map(events, CoherenceEvent::id).toString();
        }
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                all.add(Collections.unmodifiableList(permutation));
            }
        }
        return all;
    }
    @Test
    void acceptsEverySettingAtTheEdgesOfItsRangeAndNothingBeyond() {
        EnvironmentTracker edges = EnvironmentTracker.builder().maxRemovedFraction(0.0).maxRemovedCount(0)
                .rememberedEvents(0).build();
        EnvironmentTracker otherEdges = EnvironmentTracker.builder().maxRemovedFraction(1.0)
                .rememberedEvents(EnvironmentTracker.MAX_REMEMBERED_EVENTS).build();

        assertEquals(0.0, edges.maxRemovedFraction());
        assertEquals(0, edges.maxRemovedCount());
        assertEquals(0, edges.rememberedEvents());
        assertEquals(1.0, otherEdges.maxRemovedFraction());
        assertEquals(EnvironmentTracker.MAX_REMEMBERED_EVENTS, otherEdges.rememberedEvents());
        assertThrows(CoherenceEventException.class, () -> EnvironmentTracker.builder().maxRemovedFraction(-0.01).build());
        assertThrows(CoherenceEventException.class, () -> EnvironmentTracker.builder().maxRemovedFraction(1.01).build());
        assertThrows(CoherenceEventException.class, () -> EnvironmentTracker.builder().maxRemovedCount(-1).build());
        assertThrows(CoherenceEventException.class, () -> EnvironmentTracker.builder().rememberedEvents(-1).build());
        assertThrows(CoherenceEventException.class,
                () -> EnvironmentTracker.builder().rememberedEvents(EnvironmentTracker.MAX_REMEMBERED_EVENTS + 1).build());
    }

    @Test
    void explainsWhatItAppliedWithTheEventItsTimeAndTheCounts() {
        Reconciliation result = OPEN.apply(TrackerState.empty(),
                valid("v1", "2024-03-01T10:00:00.5Z", "shop/main=M", "shop/a=A"));

        assertEquals("applied valid_environments v1 (2024-03-01T10:00:00.500Z): 2 created, 0 removed, 0 changed, "
                + "0 unchanged", result.explanation());
    }

    @Test
    void holdsASnapshotRemovingExactlyOneMoreThanTheCountAllows() {
        EnvironmentTracker oneAtATime = OPEN.toBuilder().maxRemovedCount(1).build();
        TrackerState state = oneAtATime.apply(TrackerState.empty(),
                valid("v1", "2024-03-01T10:00:00Z", "shop/main=M", "shop/a=A", "shop/b=B")).state();

        assertEquals(Outcome.APPLIED, oneAtATime.apply(state,
                valid("v2", "2024-03-01T11:00:00Z", "shop/main=M", "shop/a=A")).outcome());
        assertEquals(Outcome.HELD, oneAtATime.apply(state,
                valid("v3", "2024-03-01T11:00:00Z", "shop/main=M")).outcome());
    }
}
