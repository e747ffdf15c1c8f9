package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * The invariants every fuzz target of the model checks, whatever it feeds the library (docs/quality.md):
 *
 * <ul>
 *   <li><b>Only documented exceptions.</b> A target catches {@link CoherenceEventException} (the sealed family, so
 *       {@link EventPatternException} too) and checks it with {@link #wellFormed}; anything else thrown escapes the
 *       target and is a finding.</li>
 *   <li><b>Bounded time.</b> Each fuzz test class carries {@code @Timeout(SECONDS_PER_INPUT)}: JUnit applies it to
 *       every committed input in regression mode, and Jazzer turns it into libFuzzer's per-input {@code -timeout}
 *       when fuzzing.</li>
 *   <li><b>Bounded memory.</b> {@link #allocationBudget} measures what the calling thread allocates while one input
 *       is processed and fails the input when that exceeds a budget linear in the input's length; the fuzzing JVM
 *       also runs with a capped heap ({@code scripts/fuzz.sh}), so memory kept between inputs shows as an
 *       {@code OutOfMemoryError} finding.</li>
 * </ul>
 */
final class FuzzInvariants {

    /**
     * The longest one input may take, in seconds. The slowest things the model does with one input, measured on the
     * 2-core machine of docs/quality.md: a schema validation of a 475 KB document with 9,000 violations (250 to 500 ms
     * warm, 1.5 s cold) and the validation of a pattern of exactly 1,000 {@code $or} combinations (50 to 170 ms warm,
     * 0.6 s cold); fuzzed inputs are at most about 10 KB. Ten seconds leaves a wide margin for a loaded CI machine,
     * the interpreter and Jazzer's instrumentation, so only a hang or a blow-up worse than linear trips it.
     */
    static final long SECONDS_PER_INPUT = 10;

    /**
     * What a target may allocate per input byte, on top of its fixed budget. Parsing copies the input a few times
     * (bytes, chars, strings, records, the compact detail); schema validation writes one violation, with the member's
     * description, per problem. Measured on the committed inputs: at most 165 bytes per input byte (a 703-byte
     * input), about 70 for the 10 KiB ones; 1 KiB leaves room for the interpreter and instrumentation while still
     * catching a blow-up.
     */
    static final long ALLOCATION_PER_BYTE = 1024;

    /**
     * What a target other than a pattern's may allocate per input whatever its length: a parser's buffers, a schema
     * walk, a tracker run of up to 24 events through three trackers with a JSON round trip after each. Measured on the
     * committed inputs in regression mode: at most 0.9 MiB for a parse or a validation. While fuzzing, Jazzer's hooks
     * on comparisons allocate too: a 113-byte tracker input measured 23 MB then. 64 MiB covers that and still fails a
     * blow-up long before the fuzzing JVM's heap does.
     */
    static final long FIXED_ALLOCATION = 64L << 20;

    /**
     * What the pattern targets may allocate per input whatever its length. event-ruler materialises every rule
     * combination of a pattern's {@code $or}s, up to EventBridge's 1,000, and the target builds several machines per
     * input (validation, then matching the text and its compact form): measured 44 MB for the committed 435-character
     * pattern of exactly 1,000 combinations. Without the model's guard on combinations, 60 sibling {@code $or}s would
     * ask for 2^60 and exhaust any heap; with it the cost stays within this budget.
     */
    static final long PATTERN_ALLOCATION = 512L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzInvariants() {
    }

    /** Work done for one input. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} and fails if the calling thread allocated more than the budget of an input of
     * {@code inputLength} bytes (or characters). The first time the code meets a new path it loads classes (and
     * Jazzer instruments them, in the thread that loads them), which allocates far more than the input costs; so an
     * input over the budget is run once more, with its classes loaded, and fails only if it is over again.
     */
    static void allocationBudget(long inputLength, Work work) throws Exception {
        allocationBudget(FIXED_ALLOCATION, inputLength, work);
    }

    /** As {@link #allocationBudget(long, Work)}, with the given fixed part of the budget. */
    static void allocationBudget(long fixed, long inputLength, Work work) throws Exception {
        long budget = fixed + ALLOCATION_PER_BYTE * inputLength;
        long allocated = allocated(work);
        if (allocated > budget) {
            long again = allocated(work);
            assertTrue(again <= budget, () -> "processing an input of " + inputLength + " bytes allocated "
                    + again + " bytes, more than its budget of " + budget);
        }
    }

    private static long allocated(Work work) throws Exception {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        work.run();
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }

    /**
     * Checks an exception the model threw: a message that says what was wrong, a JSON pointer ("" or starting with
     * '/'), and, for a pattern, EventBridge's error code and message.
     */
    static void wellFormed(CoherenceEventException e) {
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank(), "an exception must say what was wrong");
        assertFalse(e.problem().isBlank(), "an exception must say what was wrong");
        String pointer = e.pointer();
        assertTrue(pointer.isEmpty() || pointer.charAt(0) == '/', () -> "not a JSON pointer: " + pointer);
        if (e instanceof EventPatternException pattern) {
            assertTrue(pattern.getMessage().startsWith(EventPatternException.PREFIX), pattern::getMessage);
            assertTrue(pattern.awsErrorCode().equals(EventPatternException.INVALID_EVENT_PATTERN)
                    || pattern.awsErrorCode().equals(EventPatternException.VALIDATION_EXCEPTION),
                    pattern::awsErrorCode);
            if (pattern.awsErrorCode().equals(EventPatternException.INVALID_EVENT_PATTERN)) {
                assertEquals(pattern.getMessage(), pattern.awsErrorMessage());
            }
        }
    }
}
