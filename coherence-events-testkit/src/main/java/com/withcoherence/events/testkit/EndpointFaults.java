package com.withcoherence.events.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Faults a {@link LocalEventBridge} injects on demand, for tests of code that must survive AWS: throttled calls,
 * failed calls, partly failed PutEvents, PutTargets and RemoveTargets, and slow answers.
 *
 * <pre>{@code
 * endpoint.faults()
 *         .throttle(EventBridgeOperation.PUT_RULE, 2)               // 2 × HTTP 400 ThrottlingException, then normal
 *         .throttleWithProbability(EventBridgeOperation.PUT_EVENTS, 0.1, 42)   // ~10 % of calls, seeded
 *         .failNext(EventBridgeOperation.PUT_TARGETS, 1, "InternalException")   // HTTP 500
 *         .failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(0).times(1),
 *                 EntryFailure.<PutEventsEntry>withProbability(0.05, 7).withErrorCode(EntryFailure.THROTTLING))
 *         .failRemoveTargetsEntries(EntryFailure.<String>matching(id -> id.equals("queue")))
 *         .latency(EventBridgeOperation.LIST_RULES, Duration.ofMillis(200));
 * ...
 * endpoint.faults().clear();
 * }</pre>
 *
 * <p>What the AWS SDK for Java v2 does with each: {@code ThrottlingException} (HTTP 400, as EventBridge answers
 * throttling) and {@code InternalException} (HTTP 500) are retried by the SDK's default retry strategy, so a call
 * throttled fewer times than the SDK's attempts (3 by default) succeeds and the {@link RequestLog} shows every
 * attempt; per-entry failures come back in an HTTP 200 answer and are never retried by the SDK. Call faults and
 * latency apply to requests that carry a signature, name a known operation and have a body within the size limit,
 * before the body is parsed; every request is recorded as it was answered.
 *
 * <p>Randomness is seeded: {@link #throttleWithProbability} and {@link EntryFailure#withProbability} draw from a
 * random sequence started from their seed when they are installed, one draw per request (per entry, for entry
 * failures), so a test that sends its requests from one thread sees the same faults on every run. Each attempt of a
 * call the SDK retries is a request of its own and draws again.
 *
 * <p>Instances are thread-safe; faults can be changed while requests are answered.
 */
public final class EndpointFaults {

    /** The whole-request error EventBridge answers when it throttles a call: {@value}. */
    public static final String THROTTLING = "ThrottlingException";

    /** The whole-request error of an internal failure, answered with HTTP 500: {@value}. */
    public static final String INTERNAL = "InternalException";

    private final Object lock = new Object();
    private final Map<EventBridgeOperation, ArrayList<CallFault>> callFaults =
            new EnumMap<>(EventBridgeOperation.class);
    private final Map<EventBridgeOperation, RandomCallFault> randomCallFaults =
            new EnumMap<>(EventBridgeOperation.class);
    private final Map<EventBridgeOperation, Duration> latencies = new EnumMap<>(EventBridgeOperation.class);
    private final EntryFailures<PutEventsEntry> putEventsEntries = new EntryFailures<>();
    private final EntryFailures<Target> putTargetsEntries = new EntryFailures<>();
    private final EntryFailures<String> removeTargetsEntries = new EntryFailures<>();

    EndpointFaults() {
    }

    /**
     * Answers the next {@code calls} requests of an operation with HTTP 400 {@value #THROTTLING} ("Rate exceeded"),
     * as EventBridge does when a call exceeds its rate quota. Adds to any fault already waiting for the operation.
     *
     * @param operation the operation; must not be {@code null}
     * @param calls how many calls, at least 1
     * @return this, for chaining
     * @throws IllegalArgumentException if {@code operation} is {@code null} or {@code calls} is less than 1
     */
    public EndpointFaults throttle(EventBridgeOperation operation, int calls) {
        return failNext(operation, calls, THROTTLING);
    }

    /**
     * Answers the next {@code calls} requests of an operation with an error: HTTP 500 for {@value #INTERNAL},
     * HTTP 503 for {@code ServiceUnavailable}, HTTP 400 for any other code.
     *
     * @param operation the operation; must not be {@code null}
     * @param calls how many calls, at least 1
     * @param errorCode the {@code __type} to answer, such as {@value #INTERNAL}, {@value #THROTTLING} or
     *     {@code ConcurrentModificationException}; must not be {@code null} or empty
     * @return this, for chaining
     * @throws IllegalArgumentException if an argument is {@code null}, empty or out of range
     */
    public EndpointFaults failNext(EventBridgeOperation operation, int calls, String errorCode) {
        requireOperation(operation);
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1 but was " + calls);
        }
        requireErrorCode(errorCode);
        synchronized (lock) {
            callFaults.computeIfAbsent(operation, key -> new ArrayList<>()).add(new CallFault(errorCode, calls));
        }
        return this;
    }

    /**
     * Throttles each later request of an operation with a probability, as EventBridge throttles calls beyond a rate
     * quota: HTTP 400 {@value #THROTTLING} ("Rate exceeded"), decided by a random sequence with the given seed. It
     * applies until {@link #clear()}, replaces any probabilistic fault of the operation installed before, and a
     * probability of 0 removes it. Faults counted with {@link #throttle(EventBridgeOperation, int)} or
     * {@link #failNext} answer first; a request they answer draws nothing.
     *
     * @param operation the operation; must not be {@code null}
     * @param probability from 0 to 1: the share of requests throttled
     * @param seed the seed of the random sequence
     * @return this, for chaining
     * @throws IllegalArgumentException if {@code operation} is {@code null} or {@code probability} is not within 0
     *     and 1
     */
    public EndpointFaults throttleWithProbability(EventBridgeOperation operation, double probability, long seed) {
        return failWithProbability(operation, probability, seed, THROTTLING);
    }

    /**
     * Fails each later request of an operation with a probability, decided by a random sequence with the given seed:
     * HTTP 500 for {@value #INTERNAL}, HTTP 503 for {@code ServiceUnavailable}, HTTP 400 for any other code. It
     * applies until {@link #clear()}, replaces any probabilistic fault of the operation installed before, and a
     * probability of 0 removes it. Counted faults ({@link #failNext}) answer first; a request they answer draws
     * nothing.
     *
     * @param operation the operation; must not be {@code null}
     * @param probability from 0 to 1: the share of requests failed
     * @param seed the seed of the random sequence
     * @param errorCode the {@code __type} to answer, such as {@value #INTERNAL}; must not be {@code null} or empty
     * @return this, for chaining
     * @throws IllegalArgumentException if an argument is {@code null}, empty or out of range
     */
    public EndpointFaults failWithProbability(EventBridgeOperation operation, double probability, long seed,
            String errorCode) {
        requireOperation(operation);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1 but was " + probability);
        }
        requireErrorCode(errorCode);
        synchronized (lock) {
            if (probability == 0) {
                randomCallFaults.remove(operation);
            } else {
                randomCallFaults.put(operation, new RandomCallFault(errorCode, probability, seed));
            }
        }
        return this;
    }

    /**
     * Fails chosen entries of the PutEvents requests from now on, replacing the PutEvents entry failures installed
     * before. Failures given together are composed: an entry fails if any of them chooses it, with the error code of
     * the first (in the order given) that does; each counts its own {@link EntryFailure#times(int) calls} and draws
     * from its own random sequence. A failed entry is neither put nor delivered.
     *
     * @param failure which entries, with which code, for how many calls; must not be {@code null}
     * @param more further failures composed with it; must not be or hold {@code null}
     * @return this, for chaining
     * @throws IllegalArgumentException if a failure is {@code null}
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // activate only reads the array
    public final EndpointFaults failPutEventsEntries(EntryFailure<PutEventsEntry> failure,
            EntryFailure<PutEventsEntry>... more) {
        putEventsEntries.install(activate(failure, more));
        return this;
    }

    /**
     * Fails chosen entries of the PutTargets requests from now on, replacing the PutTargets entry failures installed
     * before; failures given together are composed as for {@link #failPutEventsEntries}. A failed entry's target is
     * not added or updated, and is reported in {@code FailedEntries}.
     *
     * @param failure which entries, with which code, for how many calls; must not be {@code null}
     * @param more further failures composed with it; must not be or hold {@code null}
     * @return this, for chaining
     * @throws IllegalArgumentException if a failure is {@code null}
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // activate only reads the array
    public final EndpointFaults failPutTargetsEntries(EntryFailure<Target> failure, EntryFailure<Target>... more) {
        putTargetsEntries.install(activate(failure, more));
        return this;
    }

    /**
     * Fails chosen entries of the RemoveTargets requests from now on, replacing the RemoveTargets entry failures
     * installed before; failures given together are composed as for {@link #failPutEventsEntries}. An entry is a
     * target id of the request's {@code Ids}; a failed one's target stays on the rule and is reported in the answer's
     * {@code FailedEntries} ({@code TargetId}, {@code ErrorCode}, {@code ErrorMessage}) with {@code FailedEntryCount},
     * as EventBridge reports a removal that failed.
     *
     * <pre>{@code
     * endpoint.faults().failRemoveTargetsEntries(EntryFailure.<String>atIndexes(0)
     *         .withErrorCode(EntryFailure.CONCURRENT_MODIFICATION).times(1));
     * }</pre>
     *
     * @param failure which ids, with which code, for how many calls; must not be {@code null}
     * @param more further failures composed with it; must not be or hold {@code null}
     * @return this, for chaining
     * @throws IllegalArgumentException if a failure is {@code null}
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // activate only reads the array
    public final EndpointFaults failRemoveTargetsEntries(EntryFailure<String> failure, EntryFailure<String>... more) {
        removeTargetsEntries.install(activate(failure, more));
        return this;
    }

    /**
     * Delays every answer to an operation, to test timeouts and slow paths. The delay is real time spent in one of
     * the endpoint's worker threads, so keep it short and the endpoint's worker count in mind.
     *
     * @param operation the operation; must not be {@code null}
     * @param latency the delay; {@link Duration#ZERO} removes it; must not be {@code null}, negative or longer than
     *     a minute
     * @return this, for chaining
     * @throws IllegalArgumentException if an argument is {@code null} or out of range
     */
    public EndpointFaults latency(EventBridgeOperation operation, Duration latency) {
        requireOperation(operation);
        if (latency == null || latency.isNegative() || latency.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("latency must be from zero to one minute but was " + latency);
        }
        synchronized (lock) {
            if (latency.isZero()) {
                latencies.remove(operation);
            } else {
                latencies.put(operation, latency);
            }
        }
        return this;
    }

    /**
     * Removes every fault: waiting and probabilistic call failures, entry failures and latencies.
     */
    public void clear() {
        synchronized (lock) {
            callFaults.clear();
            randomCallFaults.clear();
            latencies.clear();
            putEventsEntries.clear();
            putTargetsEntries.clear();
            removeTargetsEntries.clear();
        }
    }

    /**
     * Returns how many injected call failures counted with {@link #throttle(EventBridgeOperation, int)} and
     * {@link #failNext} are still waiting for an operation (probabilistic ones are not counted).
     *
     * @param operation the operation; must not be {@code null}
     * @return the number of calls that will still fail
     * @throws IllegalArgumentException if {@code operation} is {@code null}
     */
    public int pendingFailures(EventBridgeOperation operation) {
        requireOperation(operation);
        synchronized (lock) {
            int pending = 0;
            for (CallFault fault : callFaults.getOrDefault(operation, new ArrayList<>())) {
                pending += fault.remaining;
            }
            return pending;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "EndpointFaults[calls=" + callFaults + ", randomCalls=" + randomCallFaults + ", latencies="
                    + latencies + ", putEventsEntries=" + putEventsEntries + ", putTargetsEntries="
                    + putTargetsEntries + ", removeTargetsEntries=" + removeTargetsEntries + "]";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Used by the endpoint

    /** Takes one waiting call failure of the operation, if any, else draws for its probabilistic one. */
    Optional<EventBridgeServiceException> nextCallFailure(EventBridgeOperation operation) {
        synchronized (lock) {
            List<CallFault> waiting = callFaults.get(operation);
            if (waiting != null && !waiting.isEmpty()) {
                CallFault fault = waiting.get(0);
                if (--fault.remaining == 0) {
                    waiting.remove(0);
                }
                return Optional.of(callException(fault.errorCode));
            }
            RandomCallFault random = randomCallFaults.get(operation);
            if (random != null && random.random.nextDouble() < random.probability) {
                return Optional.of(callException(random.errorCode));
            }
            return Optional.empty();
        }
    }

    Duration latency(EventBridgeOperation operation) {
        synchronized (lock) {
            return latencies.getOrDefault(operation, Duration.ZERO);
        }
    }

    /**
     * Decides, once per call, which PutEvents entries fail; the answer maps an index to its injected result. The
     * call is counted, and the entries chosen, when the bridge asks, which it does only after the request passed
     * validation (and outside its lock, so that a predicate may use the bridge): a request refused for a bad member
     * does not use up a failure limited by {@link EntryFailure#times(int)}.
     */
    Supplier<IntFunction<PutEventsResult.Entry>> putEventsFailures(List<PutEventsEntry> entries) {
        return putEventsEntries.decide(entries,
                (failure, index) -> PutEventsResult.Entry.failed(failure.errorCode(), failure.errorMessage()));
    }

    /** As {@link #putEventsFailures}, for PutTargets; the answer maps an index to its injected failure. */
    Supplier<IntFunction<FailedEntry>> putTargetsFailures(List<Target> targets) {
        return putTargetsEntries.decide(targets, (failure, index) -> new FailedEntry(targets.get(index).id(),
                failure.errorCode(), failure.errorMessage()));
    }

    /** As {@link #putEventsFailures}, for RemoveTargets; the answer maps an index to its injected failure. */
    Supplier<IntFunction<FailedEntry>> removeTargetsFailures(List<String> ids) {
        return removeTargetsEntries.decide(ids, (failure, index) -> new FailedEntry(ids.get(index),
                failure.errorCode(), failure.errorMessage()));
    }

    /** The entry failures installed for one operation. Guarded by the faults' lock. */
    private final class EntryFailures<T> {
        private List<ActiveEntryFailure<T>> active = List.of();

        void install(List<ActiveEntryFailure<T>> failures) {
            synchronized (lock) {
                active = failures;
            }
        }

        /** Removes them; caller holds the lock. */
        void clear() {
            active = List.of();
        }

        /**
         * The decision for one call, made when the bridge asks (see {@link #putEventsFailures}): counts the call and
         * chooses the entries.
         */
        <R> Supplier<IntFunction<R>> decide(List<T> entries, BiFunction<EntryFailure<T>, Integer, R> answer) {
            return () -> {
                List<ActiveEntryFailure<T>> current;
                synchronized (lock) {
                    current = active;
                    active = countCall(current);
                }
                return EndpointFaults.decide(current, entries, answer);
            };
        }

        @Override
        public String toString() {
            return active.toString();
        }
    }

    /** Counts a call for each failure and returns those left; caller holds the lock. */
    private static <T> List<ActiveEntryFailure<T>> countCall(List<ActiveEntryFailure<T>> active) {
        if (active.isEmpty()) {
            return active;
        }
        List<ActiveEntryFailure<T>> left = new ArrayList<>(active.size());
        for (ActiveEntryFailure<T> failure : active) {
            if (!failure.exhaustedAfterThisCall()) {
                left.add(failure);
            }
        }
        return List.copyOf(left);
    }

    private static <T, R> IntFunction<R> decide(List<ActiveEntryFailure<T>> active, List<T> entries,
            BiFunction<EntryFailure<T>, Integer, R> answer) {
        if (active.isEmpty()) {
            return index -> null;
        }
        List<boolean[]> chosen = new ArrayList<>(active.size());
        for (ActiveEntryFailure<T> failure : active) {
            chosen.add(failure.choose(entries));
        }
        return index -> {
            for (int f = 0; f < chosen.size(); f++) {
                if (chosen.get(f)[index]) {
                    return answer.apply(active.get(f).failure, index);
                }
            }
            return null;
        };
    }

    private static <T> List<ActiveEntryFailure<T>> activate(EntryFailure<T> failure, EntryFailure<T>[] more) {
        requireFailure(failure);
        if (more == null) {
            throw new IllegalArgumentException("more must not be null; leave it out for a single failure");
        }
        List<ActiveEntryFailure<T>> active = new ArrayList<>(1 + more.length);
        active.add(new ActiveEntryFailure<>(failure));
        for (EntryFailure<T> next : more) {
            requireFailure(next);
            active.add(new ActiveEntryFailure<>(next));
        }
        return List.copyOf(active);
    }

    private static EventBridgeServiceException callException(String errorCode) {
        if (THROTTLING.equals(errorCode)) {
            return new EventBridgeServiceException(errorCode, "Rate exceeded");
        }
        return new EventBridgeServiceException(errorCode, "The call failed with " + errorCode
                + " (injected by the test's EndpointFaults).");
    }

    private static void requireOperation(EventBridgeOperation operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must not be null");
        }
    }

    private static void requireErrorCode(String errorCode) {
        if (errorCode == null || errorCode.isEmpty()) {
            throw new IllegalArgumentException("errorCode must be a non-empty AWS error code such as " + INTERNAL);
        }
    }

    private static void requireFailure(EntryFailure<?> failure) {
        if (failure == null) {
            throw new IllegalArgumentException("failure must not be null; call clear() to remove entry failures");
        }
    }

    /** A whole-call failure waiting for its operation. Guarded by the faults' lock. */
    private static final class CallFault {
        final String errorCode;
        int remaining;

        CallFault(String errorCode, int remaining) {
            this.errorCode = errorCode;
            this.remaining = remaining;
        }

        @Override
        public String toString() {
            return errorCode + "×" + remaining;
        }
    }

    /** A whole-call failure drawn for each request of its operation. Guarded by the faults' lock. */
    private static final class RandomCallFault {
        final String errorCode;
        final double probability;
        final long seed;
        final Random random;

        RandomCallFault(String errorCode, double probability, long seed) {
            this.errorCode = errorCode;
            this.probability = probability;
            this.seed = seed;
            this.random = new Random(seed);
        }

        @Override
        public String toString() {
            return errorCode + " p=" + probability + " seed=" + seed;
        }
    }

    /** An installed entry failure: its calls left and its random sequence. */
    private static final class ActiveEntryFailure<T> {
        final EntryFailure<T> failure;
        final Random random;
        int callsLeft;

        ActiveEntryFailure(EntryFailure<T> failure) {
            this.failure = failure;
            this.random = new Random(failure.seed());
            this.callsLeft = failure.calls().orElse(0);
        }

        /** Counts this call; caller holds the faults' lock. */
        boolean exhaustedAfterThisCall() {
            return callsLeft > 0 && --callsLeft == 0;
        }

        boolean[] choose(List<T> entries) {
            boolean[] chosen = new boolean[entries.size()];
            for (int i = 0; i < chosen.length; i++) {
                double draw;
                synchronized (random) {
                    draw = failure.isRandom() ? random.nextDouble() : 0;
                }
                chosen[i] = entries.get(i) != null && failure.chooses(i, entries.get(i), draw);
            }
            return chosen;
        }

        @Override
        public String toString() {
            return failure.toString();
        }
    }
}
