package com.withcoherence.events.model;

import static com.withcoherence.events.model.FuzzInvariants.allocationBudget;
import static com.withcoherence.events.model.FuzzInvariants.wellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import software.amazon.event.ruler.Machine;

/**
 * Fuzzes {@link EventPattern}: {@code of} and {@code check} on any text, and the builder with any arguments (the
 * invariants of every target: {@link FuzzInvariants}). A pattern {@code of} accepts must compile in event-ruler's
 * {@link Machine} (EventBridge's engine, never a matcher of ours), its compact {@code json()} must be accepted again
 * unchanged and (without {@code $or}) match the documented samples exactly as the text it came from does; a rejected
 * one must be rejected by {@code check} with the same reason. A pattern the builder builds must pass {@code of},
 * within the default quota.
 */
@Timeout(value = FuzzInvariants.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventPatternFuzzTest {

    private static final List<String> EVENTS = List.of(Samples.NEW_ENVIRONMENTS, Samples.VALID_ENVIRONMENTS);

    @FuzzTest
    void of(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        allocationBudget(FuzzInvariants.PATTERN_ALLOCATION, input.length, () -> {
            EventPattern pattern;
            try {
                pattern = EventPattern.of(text);
            } catch (EventPatternException e) {
                wellFormed(e);
                assertEquals(Optional.of(e.reason()), EventPattern.check(text), "check and of disagree");
                return;
            }
            assertEquals(Optional.empty(), EventPattern.check(text), "check and of disagree");
            assertEquals(pattern, EventPattern.of(pattern.json()), "the compact form is not accepted unchanged");
            assertTrue(pattern.length() <= EventPattern.API_MAX_LENGTH);
            if (!text.contains("$or")) {
                // event-ruler 2.1.0 evaluates some $or patterns differently from one machine to the next
                // (PatternValidatorTest#eventRulerLosesValuesOfAnOrBranchThatStartsWithAValueOfAnEarlierBranch).
                for (String event : EVENTS) {
                    assertEquals(matches(text, event), matches(pattern.json(), event),
                            () -> "the compact form " + pattern.json() + " matches differently from " + text);
                }
            }
        });
    }

    @FuzzTest
    void builder(FuzzedDataProvider data) throws Exception {
        allocationBudget(FuzzInvariants.PATTERN_ALLOCATION, data.remainingBytes(), () -> {
            EventPattern.Builder builder = EventPattern.builder();
            for (int calls = data.consumeInt(0, 12); calls > 0 && data.remainingBytes() > 0; calls--) {
                switch (data.consumeInt(0, 7)) {
                    case 0 -> builder.newEnvironments();
                    case 1 -> builder.validEnvironments();
                    case 2 -> builder.detailTypes(values(data));
                    case 3 -> builder.environmentNames(values(data));
                    case 4 -> builder.environmentNamePrefixes(values(data));
                    case 5 -> builder.environmentNameSuffixes(values(data));
                    case 6 -> builder.environmentNamesExcept(values(data));
                    default -> {
                        if (data.consumeBoolean()) {
                            builder.or();
                        } else {
                            builder.applicationNames(values(data));
                        }
                    }
                }
            }
            EventPattern pattern;
            try {
                pattern = builder.build();
            } catch (EventPatternException e) {
                wellFormed(e);
                return;
            }
            assertTrue(pattern.length() <= EventPattern.DEFAULT_MAX_LENGTH, pattern::json);
            assertEquals(pattern, EventPattern.of(pattern.json(), EventPattern.DEFAULT_MAX_LENGTH),
                    "the builder wrote a pattern EventBridge rejects");
            for (String event : EVENTS) {
                matches(pattern.json(), event);
            }
        });
    }

    /** Up to four values, null or empty sometimes, as a caller might pass them. */
    private static String[] values(FuzzedDataProvider data) {
        if (data.consumeInt(0, 15) == 0) {
            return null;
        }
        String[] values = new String[data.consumeInt(0, 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.consumeInt(0, 15) == 0 ? null : data.consumeString(24);
        }
        return values;
    }

    static boolean matches(String pattern, String event) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("rule", pattern);
        return machine.rulesForJSONEvent(event).contains("rule");
    }
}
