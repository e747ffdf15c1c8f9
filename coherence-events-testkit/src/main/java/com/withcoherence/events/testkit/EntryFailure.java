package com.withcoherence.events.testkit;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which entries of a PutEvents, PutTargets or RemoveTargets request a {@link LocalEventBridge} fails, and with which
 * error code: the partial failures EventBridge answers with HTTP 200 and a {@code FailedEntryCount}, which the AWS SDK
 * does <em>not</em> retry, so code that sends events or changes targets must resend the failed entries itself.
 *
 * <pre>{@code
 * endpoint.faults().failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(1)
 *         .withErrorCode(EntryFailure.THROTTLING).times(1));
 * endpoint.faults().failPutTargetsEntries(EntryFailure.matching(target -> target.id().equals("log-events")));
 * endpoint.faults().failPutEventsEntries(EntryFailure.withProbability(0.2, 42),   // several at once: composed
 *         EntryFailure.<PutEventsEntry>atIndexes(0).withErrorCode(EntryFailure.THROTTLING).times(1));
 * endpoint.faults().failRemoveTargetsEntries(EntryFailure.<String>matching(id -> id.equals("queue"))
 *         .withErrorCode(EntryFailure.CONCURRENT_MODIFICATION));
 * }</pre>
 *
 * <p>An entry chosen here is answered with the error code and the service's message for it and is not applied: an
 * event is neither put nor delivered, a target is not added or updated, a target to remove stays on its rule. The
 * other entries are processed as usual. A request the service rejects as a whole (too many entries, a bad member) is
 * still rejected: entry failures apply only to requests that pass validation. Unless limited with
 * {@link #times(int)}, a failure applies to every later call until {@link EndpointFaults#clear()} or until other
 * failures are installed for the operation. For targets, the API reference documents
 * {@value #CONCURRENT_MODIFICATION} as a failed entry's code.
 *
 * <p>Instances are immutable and thread-safe when their predicate is. The random choices of
 * {@link #withProbability(double, long)} are drawn from a sequence seeded per installation, so a test that sends its
 * requests from one thread sees the same failures on every run.
 *
 * @param <T> the entry type: {@link PutEventsEntry} for PutEvents, {@link Target} for PutTargets, {@link String} (a
 *     target id of {@code Ids}) for RemoveTargets
 */
public final class EntryFailure<T> {

    /** The retryable per-entry error for an unknown failure of the service: {@value}. */
    public static final String INTERNAL_FAILURE = "InternalFailure";

    /** The retryable per-entry error for throttling: {@value}. */
    public static final String THROTTLING = "ThrottlingException";

    /**
     * The per-entry error of PutTargets and RemoveTargets when "too many requests were made at the same time" (API
     * reference, {@code PutTargetsResultEntry} and {@code RemoveTargetsResultEntry}): {@value}.
     */
    public static final String CONCURRENT_MODIFICATION = "ConcurrentModificationException";

    private final int[] indexes;
    private final Predicate<? super T> predicate;
    private final double probability;
    private final long seed;
    private final String errorCode;
    private final int times;

    private EntryFailure(int[] indexes, Predicate<? super T> predicate, double probability, long seed,
            String errorCode, int times) {
        this.indexes = indexes;
        this.predicate = predicate;
        this.probability = probability;
        this.seed = seed;
        this.errorCode = errorCode;
        this.times = times;
    }

    /**
     * Fails the entries at the given positions of each request.
     *
     * @param indexes zero-based positions in the request's {@code Entries}, {@code Targets} or {@code Ids};
     *     positions beyond a request's size fail nothing
     * @param <T> the entry type
     * @return the failure, with {@value #INTERNAL_FAILURE} and no limit on calls; never {@code null}
     * @throws IllegalArgumentException if {@code indexes} is {@code null}, empty or holds a negative index
     */
    public static <T> EntryFailure<T> atIndexes(int... indexes) {
        if (indexes == null || indexes.length == 0) {
            throw new IllegalArgumentException("give at least one zero-based entry index to fail");
        }
        for (int index : indexes) {
            if (index < 0) {
                throw new IllegalArgumentException("entry indexes are zero-based and must not be negative but "
                        + index + " was given");
            }
        }
        return new EntryFailure<>(indexes.clone(), null, 0, 0, INTERNAL_FAILURE, 0);
    }

    /**
     * Fails the entries for which {@code predicate} returns {@code true}.
     *
     * @param predicate called with each entry of each request, from the endpoint's worker threads; must not be
     *     {@code null}
     * @param <T> the entry type
     * @return the failure, with {@value #INTERNAL_FAILURE} and no limit on calls; never {@code null}
     * @throws IllegalArgumentException if {@code predicate} is {@code null}
     */
    public static <T> EntryFailure<T> matching(Predicate<? super T> predicate) {
        if (predicate == null) {
            throw new IllegalArgumentException("predicate must not be null");
        }
        return new EntryFailure<>(null, predicate, 0, 0, INTERNAL_FAILURE, 0);
    }

    /**
     * Fails each entry with a probability, drawn from a random sequence with the given seed.
     *
     * @param probability from 0 to 1
     * @param seed the seed of the random sequence
     * @param <T> the entry type
     * @return the failure, with {@value #INTERNAL_FAILURE} and no limit on calls; never {@code null}
     * @throws IllegalArgumentException if {@code probability} is not within 0 and 1
     */
    public static <T> EntryFailure<T> withProbability(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1 but was " + probability);
        }
        return new EntryFailure<>(null, null, probability, seed, INTERNAL_FAILURE, 0);
    }

    /**
     * Returns this failure answering with another error code.
     *
     * @param code {@value #INTERNAL_FAILURE} or {@value #THROTTLING} (the retryable codes),
     *     {@value #CONCURRENT_MODIFICATION} for targets, or any other code EventBridge documents for entries, such as
     *     {@code AccessDeniedException}; must not be {@code null} or empty
     * @return a new failure, never {@code null}
     * @throws IllegalArgumentException if {@code code} is {@code null} or empty
     */
    public EntryFailure<T> withErrorCode(String code) {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("errorCode must be a non-empty error code such as "
                    + INTERNAL_FAILURE + " or " + THROTTLING);
        }
        return new EntryFailure<>(indexes, predicate, probability, seed, code, times);
    }

    /**
     * Returns this failure limited to the next {@code calls} calls of its operation (counted from when it is
     * installed, whether or not an entry was chosen in a call). Only calls that pass the request's validation count:
     * a request refused for a bad member (ValidationException) does not use up a call; one refused later, because its
     * rule does not exist or would hold too many targets, does.
     *
     * @param calls at least 1
     * @return a new failure, never {@code null}
     * @throws IllegalArgumentException if {@code calls} is less than 1
     */
    public EntryFailure<T> times(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1 but was " + calls);
        }
        return new EntryFailure<>(indexes, predicate, probability, seed, errorCode, calls);
    }

    /**
     * Returns the error code the chosen entries are answered with.
     *
     * @return the code, never {@code null}
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Returns how many calls this failure applies to.
     *
     * @return the number of calls, or empty when it applies until cleared
     */
    public Optional<Integer> calls() {
        return times == 0 ? Optional.empty() : Optional.of(times);
    }

    /** Returns the message the service gives with this error code. */
    String errorMessage() {
        switch (errorCode) {
            case INTERNAL_FAILURE:
                return "The request processing has failed because of an unknown error, exception or failure.";
            case THROTTLING:
                return "Rate exceeded";
            default:
                return "The entry failed with " + errorCode + " (injected by the test's EntryFailure).";
        }
    }

    double probability() {
        return probability;
    }

    long seed() {
        return seed;
    }

    /** Whether entry {@code index} of a request fails; {@code draw} is this call's next random number. */
    boolean chooses(int index, T entry, double draw) {
        if (indexes != null) {
            for (int chosen : indexes) {
                if (chosen == index) {
                    return true;
                }
            }
            return false;
        }
        if (predicate != null) {
            return predicate.test(entry);
        }
        return draw < probability;
    }

    boolean isRandom() {
        return indexes == null && predicate == null;
    }

    @Override
    public String toString() {
        String which = indexes != null ? "atIndexes" + Arrays.toString(indexes)
                : predicate != null ? "matching(" + predicate + ")" : "withProbability(" + probability + ", " + seed
                + ")";
        return "EntryFailure[" + which + ", errorCode=" + errorCode + ", calls=" + (times == 0 ? "all" : times) + "]";
    }
}
