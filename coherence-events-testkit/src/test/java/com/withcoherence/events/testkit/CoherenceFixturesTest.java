package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.Environment;
import com.withcoherence.events.model.NewEnvironmentsEvent;
import com.withcoherence.events.model.UnknownCoherenceEvent;
import com.withcoherence.events.model.ValidEnvironmentsEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoherenceFixturesTest {

    @Test
    void servesTheDocumentedEventsVerbatim() {
        String json = CoherenceFixtures.documentedNewEnvironmentsJson();
        assertTrue(json.startsWith("{\n    \"version\": \"0\",\n    \"id\": \"1bb332f8-acc2-adcb-0878-4c0fe06aaf7d\""),
                json);
        assertTrue(json.contains("\"account\": \"1234596789\""));
        assertTrue(CoherenceFixtures.documentedValidEnvironmentsJson().contains("\"cloudfront_id\": \"E39Y1123213\""));
    }

    @Test
    void parsesTheDocumentedEvents() {
        NewEnvironmentsEvent created = CoherenceFixtures.documentedNewEnvironments();
        assertEquals("1bb332f8-acc2-adcb-0878-4c0fe06aaf7d", created.id());
        assertEquals(Instant.parse("2023-05-19T13:56:16Z"), created.time());
        assertEquals(List.of(new Environment("AESOIFH3341", "another-test-env", "12309ijsdf-your-app-name")),
                created.environments());
        ValidEnvironmentsEvent valid = CoherenceFixtures.documentedValidEnvironments();
        assertEquals(List.of("main", "update-subscribe-button", "another-test-env", "some-env-name"),
                valid.environments().stream().map(Environment::environmentName).toList());
        assertEquals("12309ijsdf-your-app-name-coherence-events", CoherenceFixtures.documentedBus().name());
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        assertEquals(sample(7), sample(7));
        assertNotEquals(sample(7), sample(8));
    }

    private static List<CoherenceEvent> sample(long seed) {
        CoherenceFixtures fixtures = CoherenceFixtures.seeded(seed);
        return List.of(fixtures.event().environments(3).newEnvironments(),
                fixtures.event().environmentsWithPrefix("preview-", 2).validEnvironments(),
                fixtures.event().timePrecision(CoherenceFixtures.TimePrecision.MILLISECONDS).newEnvironments());
    }

    @Test
    void buildsEventsWithChosenAndGeneratedEnvironments() {
        CoherenceFixtures fixtures = CoherenceFixtures.seeded(1);
        ValidEnvironmentsEvent event = fixtures.event().application("shop-1a2b").account("210987654321")
                .region("eu-west-1").environment("main").environmentsWithPrefix("feature-", 5).validEnvironments();

        assertEquals(6, event.environments().size());
        assertEquals("main", event.environments().get(0).environmentName());
        Set<String> names = new HashSet<>();
        Set<String> cloudfrontIds = new HashSet<>();
        for (Environment environment : event.environments()) {
            names.add(environment.environmentName());
            cloudfrontIds.add(environment.cloudfrontId());
            assertEquals("shop-1a2b", environment.applicationName());
            assertTrue(environment.cloudfrontId().matches("E[A-Z0-9]{13}"), environment.cloudfrontId());
        }
        assertEquals(6, names.size());
        assertEquals(6, cloudfrontIds.size());
        assertTrue(event.environments().subList(1, 6).stream().allMatch(e -> e.environmentName()
                .startsWith("feature-")));
        assertEquals("210987654321", event.account());
        assertEquals("eu-west-1", event.region());
        assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
    }

    @Test
    void givesEventsDistinctIdsAndIncreasingTimesInBothPrecisions() {
        CoherenceFixtures fixtures = CoherenceFixtures.seeded(2);
        NewEnvironmentsEvent first = fixtures.event().newEnvironments();
        NewEnvironmentsEvent second = fixtures.event().timePrecision(CoherenceFixtures.TimePrecision.MILLISECONDS)
                .newEnvironments();

        assertNotEquals(first.id(), second.id());
        assertEquals(CoherenceFixtures.DEFAULT_START_TIME, first.time());
        assertEquals(0, first.time().getNano());
        assertTrue(second.time().isAfter(first.time()));
        assertTrue(second.time().getNano() > 0 && second.time().getNano() % 1_000_000 == 0);
        assertTrue(CoherenceEvents.toJson(second).matches(".*\"time\":\"2023-05-19T13:56:36\\.\\d{3}Z\".*"),
                CoherenceEvents.toJson(second));
    }

    @Test
    void buildsEventsOfUnknownDetailTypes() {
        UnknownCoherenceEvent event = CoherenceFixtures.seeded(3).event()
                .unknown("environment_paused", "{\"paused_environments\": [{\"environment_name\": \"main\"}]}");

        assertEquals("environment_paused", event.detailType());
        assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
    }

    @Test
    void aScenarioSendsNewAndValidEnvironmentsForEveryRun() {
        CoherenceFixtures.Scenario scenario = CoherenceFixtures.seeded(4).scenario()
                .create("main", "staging")
                .nextRun().create("feature-a").remove("staging")
                .nextRun().redeploy("main")
                .nextRun();
        List<CoherenceEvent> events = scenario.events();

        assertEquals(8, events.size());
        assertEquals(List.of("new_environments", "valid_environments", "new_environments", "valid_environments",
                "new_environments", "valid_environments", "new_environments", "valid_environments"),
                events.stream().map(CoherenceEvent::detailType).toList());
        assertEquals(List.of("main", "staging"), names(events.get(0)));
        assertEquals(List.of("main", "staging"), names(events.get(1)));
        assertEquals(List.of("feature-a"), names(events.get(2)));
        assertEquals(List.of("main", "feature-a"), names(events.get(3)));
        assertEquals(List.of(), names(events.get(4)));
        assertNotEquals(environments(events.get(3)).get(0).cloudfrontId(),
                environments(events.get(5)).get(0).cloudfrontId());
        assertEquals(List.of(), names(events.get(6)));
        assertEquals(names(events.get(5)), names(events.get(7)));
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).time().isAfter(events.get(i - 1).time()));
        }
        assertEquals(List.of("main", "feature-a"),
                scenario.activeEnvironments().stream().map(Environment::environmentName).toList());
    }

    @Test
    void aScenarioRefusesImpossibleChanges() {
        CoherenceFixtures.Scenario scenario = CoherenceFixtures.seeded(5).scenario().create("main");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> scenario.create("main"));
        assertTrue(twice.getMessage().contains("already active"), twice.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> scenario.remove("staging"));
        assertTrue(missing.getMessage().contains("[main]"), missing.getMessage());
    }

    private static List<Environment> environments(CoherenceEvent event) {
        return event instanceof NewEnvironmentsEvent ? ((NewEnvironmentsEvent) event).environments()
                : ((ValidEnvironmentsEvent) event).environments();
    }

    private static List<String> names(CoherenceEvent event) {
        return environments(event).stream().map(Environment::environmentName).toList();
    }
}
