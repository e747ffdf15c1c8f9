package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoherenceEventHandlerTest {

    private final List<String> calls = new ArrayList<>();

    private final CoherenceEventHandler handler = new CoherenceEventHandler() {
        @Override
        public void onNewEnvironments(NewEnvironmentsEvent event) {
            calls.add("new " + event.environments().size());
        }

        @Override
        public void onValidEnvironments(ValidEnvironmentsEvent event) {
            calls.add("valid " + event.environments().size());
        }
    };

    @Test
    void dispatchesEachEventToTheMethodOfItsType() {
        CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS).dispatch(handler);
        CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS).dispatch(handler);

        assertEquals(List.of("new 1", "valid 4"), calls);
    }

    @Test
    void ignoresUnknownEventTypesByDefault() {
        CoherenceEvent unknown = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS
                .replace("\"new_environments\",", "\"paused_environments\","));

        unknown.dispatch(handler);

        assertEquals(List.of(), calls);
    }

    @Test
    void rejectsANullHandler() {
        CoherenceEvent event = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

        assertThrows(CoherenceEventException.class, () -> event.dispatch(null));
    }
    @Test
    void dispatchesUnknownEventsToOnUnknown() {
        List<String> seen = new ArrayList<>();
        CoherenceEventHandler handler = new CoherenceEventHandler() {
            @Override
            public void onNewEnvironments(NewEnvironmentsEvent event) {
                seen.add("new");
            }

            @Override
            public void onValidEnvironments(ValidEnvironmentsEvent event) {
                seen.add("valid");
            }

            @Override
            public void onUnknown(UnknownCoherenceEvent event) {
                seen.add("unknown " + event.detailType());
            }
        };

        TrackerFixtures.unknown("u", "2024-03-01T10:00:00Z", "environment_deleted", "{}").dispatch(handler);

        assertEquals(List.of("unknown environment_deleted"), seen);
    }
}
