package com.withcoherence.events.model;

import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_NEW;
import static com.withcoherence.events.model.TrackerFixtures.SAMPLE_VALID;
import static com.withcoherence.events.model.TrackerFixtures.created;
import static com.withcoherence.events.model.TrackerFixtures.resource;
import static com.withcoherence.events.model.TrackerFixtures.sample;
import static com.withcoherence.events.model.TrackerFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrackerStateJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GOLDEN = "/tracker/states/documented-samples-state.json";

    /** The events that the golden file records: an empty snapshot, the samples, an announcement, a held snapshot. */
    private static TrackerState goldenState() {
        EnvironmentTracker tracker = EnvironmentTracker.withDefaults();
        TrackerState state = TrackerState.empty();
        for (CoherenceEvent event : new CoherenceEvent[] {
            valid("ve", "2023-05-19T12:00:00Z"),
            sample(SAMPLE_NEW),
            sample(SAMPLE_VALID),
            created("n3", "2023-05-19T15:00:00Z", "12309ijsdf-your-app-name/feature-z=EZZZ"),
            valid("v4", "2023-05-19T16:00:00Z", "12309ijsdf-your-app-name/main=E1LPXKCLUIFVWG")}) {
            state = tracker.apply(state, event).state();
        }
        return state;
    }

    @Test
    void writesTheDocumentedFormat() throws Exception {
        JsonNode written = MAPPER.readTree(goldenState().toJson());
        JsonNode golden = MAPPER.readTree(resource(GOLDEN));

        assertEquals(golden, written);
        assertEquals(written, golden);
    }

    @Test
    void readsTheDocumentedFormat() throws Exception {
        TrackerState read = TrackerState.fromJson(resource(GOLDEN));

        assertEquals(goldenState(), read);
        assertEquals(MAPPER.readTree(resource(GOLDEN)).toString(), read.toJson(), "compact, members in order");
        assertEquals("v4", read.held().get(0).id());
        assertEquals(5, read.environments().size());
    }

    @Test
    void writesCompactStableText() {
        assertEquals("{\"format\":\"coherence-events-tracker-state\",\"version\":1,\"applications\":{},\"held\":[],"
                + "\"remembered_events\":[]}", TrackerState.empty().toJson());
    }

    @Test
    void readsAStateWithOnlyItsFormatAndVersionAsEmpty() {
        assertEquals(TrackerState.empty(),
                TrackerState.fromJson("{\"format\":\"coherence-events-tracker-state\",\"version\":1}"));
    }

    static Stream<Arguments> malformed() {
        String head = "{'format':'coherence-events-tracker-state','version':1,";
        String app = head + "'applications':{'shop':";
        String snapshot = "{'event_id':'v1','time':'2024-03-01T10:00:00Z','environments':{'main':'M'}}";
        String event = "{'version':'0','id':'h1','detail-type':'valid_environments','source':'Coherence',"
                + "'account':'1234596789','time':'2024-03-01T11:00:00Z','region':'us-east-1','resources':[],"
                + "'detail':{'valid_environments':[{'cloudfront_id':'X','environment_name':'main',"
                + "'application_name':'shop'}]}}";
        return Stream.of(
                Arguments.of("", "", "the tracker state is empty"),
                Arguments.of("[]", "", "expected a JSON object (a tracker state written by TrackerState.toJson())"),
                Arguments.of("{'format':'x','version':1}", "/format", "this is not a tracker state"),
                Arguments.of("{'version':1}", "/format", "missing required member \"format\""),
                Arguments.of("{'format':'coherence-events-tracker-state','future':[1],'version':2}", "/version",
                        "written in format version 2 by a newer coherence-events"),
                Arguments.of(head.replace("1,", "'1',") + "'held':[]}", "/version",
                        "expected the format version 1 but found the string \"1\""),
                Arguments.of(head + "'extra':true}", "/extra", "unknown member \"extra\" in a tracker state"),
                Arguments.of(head + "'held':[],'held':[]}", "/held", "appears more than once"),
                Arguments.of(head + "'applications':[]}", "/applications", "expected an object (applications)"),
                Arguments.of(app + "{}}}", "/applications/shop", "needs a snapshot or announced environments"),
                Arguments.of(head + "'applications':{'':{'snapshot':" + snapshot + "}}}", "/applications/",
                        "must be non-empty"),
                Arguments.of(app + "{'snapshot':{'event_id':'v1','environments':{'main':'M'}}}}}",
                        "/applications/shop/snapshot/time", "missing required member \"time\""),
                Arguments.of(app + "{'snapshot':" + snapshot.replace("2024-03-01T10:00:00Z", "yesterday") + "}}}",
                        "/applications/shop/snapshot/time", "expected an RFC 3339 time"),
                Arguments.of(app + "{'snapshot':" + snapshot.replace("{'main':'M'}", "{}") + "}}}",
                        "/applications/shop/snapshot/environments", "lists at least one environment"),
                Arguments.of(app + "{'snapshot':" + snapshot.replace("'M'", "''") + "}}}",
                        "/applications/shop/snapshot/environments/main", "expected a non-empty string"),
                Arguments.of(app + "{'snapshot':" + snapshot.replace("'M'", "7") + "}}}",
                        "/applications/shop/snapshot/environments/main", "but found the number 7"),
                Arguments.of(app + "{'snapshot':" + snapshot + ",'announced':{'feature/x':{'cloudfront_id':'F',"
                        + "'event_id':'n0','time':'2024-03-01T10:00:00Z'}}}}}",
                        "/applications/shop/announced/feature~1x", "not newer than the snapshot"),
                Arguments.of(app + "{'announced':{'x':{'cloudfront_id':'F','event_id':'n0'}}}}}",
                        "/applications/shop/announced/x/time", "missing required member \"time\""),
                Arguments.of(head + "'empty_snapshot':{'event_id':'e','time':'2024-03-01T10:30:00Z'},"
                        + "'applications':{'shop':{'snapshot':" + snapshot + "}}}",
                        "/applications/shop/snapshot", "not newer than empty_snapshot"),
                Arguments.of(head + "'held':[" + event.replace("valid_environments", "new_environments") + "]}",
                        "/held/0/detail-type", "a held snapshot is a valid_environments event"),
                Arguments.of(head + "'held':[" + event.replace("'id':'h1',", "") + "]}", "/held/0/id",
                        "missing required field \"id\""),
                Arguments.of(head + "'held':[" + event.replace("11:00", "09:00") + "],'applications':{'shop':{"
                        + "'snapshot':" + snapshot + "}}}", "/held/0", "would change nothing"),
                Arguments.of(head + "'held':[" + event + "," + event + "]}", "/held/1/id", "is held twice"),
                Arguments.of(head + "'held':[" + event + "," + event.replace("h1", "h2") + "]}", "/held/1",
                        "two held snapshots cover the same applications"),
                Arguments.of(head + "'remembered_events':[{'event_id':'a','time':'2024-03-01T10:00:00Z'},"
                        + "{'event_id':'a','time':'2024-03-01T11:00:00Z'}]}", "/remembered_events/1",
                        "is remembered twice"),
                Arguments.of(head + "'remembered_events':['a']}", "/remembered_events/0",
                        "expected an object (a remembered event) but found the string \"a\""),
                Arguments.of(head + "'applications':{", null, "it looks truncated"),
                Arguments.of(head + "'held':[],}", null, "the tracker state is not valid JSON"),
                Arguments.of(head + "'held':[]} {}", "", "followed by more content"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsAMalformedStateNamingWhere(String json, String pointer, String problem) {
        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> TrackerState.fromJson(json.replace('\'', '"')));

        if (pointer != null) {
            assertEquals(pointer, e.pointer(), e.getMessage());
        }
        assertTrue(e.problem().contains(problem), e.getMessage());
    }

    @Test
    void tellsHowToRecoverFromADamagedState() {
        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> TrackerState.fromJson("{\"format\":\"coherence-events-tracker-state\",\"version\":1,"
                        + "\"applications\":{\"shop\":{}}}"));

        assertTrue(e.getMessage().contains("restore it from a backup, or start from TrackerState.empty()"),
                e.getMessage());
    }

    @Test
    void rejectsMoreRememberedEventsThanAnyTrackerKeeps() {
        StringBuilder json = new StringBuilder("{\"format\":\"coherence-events-tracker-state\",\"version\":1,"
                + "\"remembered_events\":[");
        for (int i = 0; i <= EnvironmentTracker.MAX_REMEMBERED_EVENTS; i++) {
            json.append(i == 0 ? "" : ",").append("{\"event_id\":\"e").append(i)
                    .append("\",\"time\":\"2024-03-01T10:00:00Z\"}");
        }
        json.append("]}");

        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> TrackerState.fromJson(json.toString()));

        assertEquals("/remembered_events", e.pointer());
    }
}
