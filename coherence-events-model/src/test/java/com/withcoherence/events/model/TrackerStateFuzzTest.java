package com.withcoherence.events.model;

import static com.withcoherence.events.model.FuzzInvariants.allocationBudget;
import static com.withcoherence.events.model.FuzzInvariants.wellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link TrackerState#fromJson}: a stored state is read back from wherever a Lambda kept it, so a damaged or
 * hostile one must fail with a {@link CoherenceEventException}, and one that reads must write back the same text and
 * read back equal, and serve a tracker. The invariants of every target: {@link FuzzInvariants}.
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrackerStateFuzzTest {

    @FuzzTest
    void fromJson(byte[] input) throws Exception {
        String json = new String(input, StandardCharsets.UTF_8);
        allocationBudget(input.length, () -> {
            TrackerState state;
            try {
                state = TrackerState.fromJson(json);
            } catch (CoherenceEventException e) {
                wellFormed(e);
                return;
            }
            String written = state.toJson();
            TrackerState again = TrackerState.fromJson(written);
            assertEquals(state, again, written);
            assertEquals(written, again.toJson(), "the state's JSON is not stable");
            assertEquals(state.hashCode(), again.hashCode());
            // A state that reads serves the tracker: its held snapshots can be confirmed and discarded.
            EnvironmentTracker tracker = EnvironmentTracker.withDefaults();
            for (ValidEnvironmentsEvent held : state.held()) {
                tracker.confirmHeld(state, held.id());
                tracker.discardHeld(state, held.id());
            }
            tracker.apply(state, CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS));
        });
    }
}
