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

/**
 * Faults a {@link LocalEventBridge} injects on demand, for tests of code that must survive AWS: throttled calls,
 * failed calls, partly failed PutEvents and PutTargets, and slow answers.
 *
 * <pre>{@code
 * endpoint.faults()
 *         .throttle(EventBridgeOperation.PUT_RULE, 2)               // 2 × HTTP 400 ThrottlingException, then normal
 *         .failNext(EventBridgeOperation.PUT_TARGETS, 1, "InternalException")   // HTTP 500
 *         .failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(0).times(1))
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
    private final Map<EventBridgeOperation, Duration> latencies = new EnumMap<>(EventBridgeOperation.class);
    private ActiveEntryFailure<PutEventsEntry> putEventsEntries;
    private ActiveEntryFailure<Target> putTargetsEntries;

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
        if (errorCode == null || errorCode.isEmpty()) {
            throw new IllegalArgumentException("errorCode must be a non-empty AWS error code such as " + INTERNAL);
        }
        synchronized (lock) {
            callFaults.computeIfAbsent(operation, key -> new ArrayList<>()).add(new CallFault(errorCode, calls));
        }
        return this;
    }

    /**
     * Fails chosen entries of the PutEvents requests from now on, replacing any PutEvents entry failure installed
     * before.
     *
     * @param failure which entries, with which code, for how many calls; must not be {@code null}
     * @return this, for chaining
     * @throws IllegalArgumentException if {@code failure} is {@code null}
     */
    public EndpointFaults failPutEventsEntries(EntryFailure<PutEventsEntry> failure) {
        requireFailure(failure);
        synchronized (lock) {
            putEventsEntries = new ActiveEntryFailure<>(failure);
        }
        return this;
    }

    /**
     * Fails chosen entries of the PutTargets requests from now on, replacing any PutTargets entry failure installed
     * before. A failed entry's target is not added or updated.
     *
     * @param failure which entries, with which code, for how many calls; must not be {@code null}
     * @return this, for chaining
     * @throws IllegalArgumentException if {@code failure} is {@code null}
     */
    public EndpointFaults failPutTargetsEntries(EntryFailure<Target> failure) {
        requireFailure(failure);
        synchronized (lock) {
            putTargetsEntries = new ActiveEntryFailure<>(failure);
        }
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
     * Removes every fault: waiting call failures, entry failures and latencies.
     */
    public void clear() {
        synchronized (lock) {
            callFaults.clear();
            latencies.clear();
            putEventsEntries = null;
            putTargetsEntries = null;
        }
    }

    /**
     * Returns how many injected call failures are still waiting for an operation.
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
            return "EndpointFaults[calls=" + callFaults + ", latencies=" + latencies + ", putEventsEntries="
                    + putEventsEntries + ", putTargetsEntries=" + putTargetsEntries + "]";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Used by the endpoint

    /** Takes one waiting call failure of the operation, if any. */
    Optional<EventBridgeServiceException> nextCallFailure(EventBridgeOperation operation) {
        synchronized (lock) {
            List<CallFault> waiting = callFaults.get(operation);
            if (waiting == null || waiting.isEmpty()) {
                return Optional.empty();
            }
            CallFault fault = waiting.get(0);
            if (--fault.remaining == 0) {
                waiting.remove(0);
            }
            return Optional.of(fault.exception());
        }
    }

    Duration latency(EventBridgeOperation operation) {
        synchronized (lock) {
            return latencies.getOrDefault(operation, Duration.ZERO);
        }
    }

    /** Decides, once per call, which PutEvents entries fail; the answer maps an index to its injected result. */
    IntFunction<PutEventsResult.Entry> putEventsFailures(List<PutEventsEntry> entries) {
        ActiveEntryFailure<PutEventsEntry> active;
        synchronized (lock) {
            active = putEventsEntries;
            if (active != null && active.exhaustedAfterThisCall()) {
                putEventsEntries = null;
            }
        }
        return decide(active, entries,
                (failure, index) -> PutEventsResult.Entry.failed(failure.errorCode(), failure.errorMessage()));
    }

    /** Decides, once per call, which PutTargets entries fail; the answer maps an index to its injected failure. */
    IntFunction<FailedEntry> putTargetsFailures(List<Target> targets) {
        ActiveEntryFailure<Target> active;
        synchronized (lock) {
            active = putTargetsEntries;
            if (active != null && active.exhaustedAfterThisCall()) {
                putTargetsEntries = null;
            }
        }
        return decide(active, targets, (failure, index) -> new FailedEntry(targets.get(index).id(),
                failure.errorCode(), failure.errorMessage()));
    }

    private static <T, R> IntFunction<R> decide(ActiveEntryFailure<T> active, List<T> entries,
            BiFunction<EntryFailure<T>, Integer, R> answer) {
        if (active == null) {
            return index -> null;
        }
        boolean[] chosen = active.choose(entries);
        return index -> chosen[index] ? answer.apply(active.failure, index) : null;
    }

    private static void requireOperation(EventBridgeOperation operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must not be null");
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

        EventBridgeServiceException exception() {
            if (THROTTLING.equals(errorCode)) {
                return new EventBridgeServiceException(errorCode, "Rate exceeded");
            }
            return new EventBridgeServiceException(errorCode, "The call failed with " + errorCode
                    + " (injected by the test's EndpointFaults).");
        }

        @Override
        public String toString() {
            return errorCode + "×" + remaining;
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
