package com.withcoherence.events.testkit;

import com.withcoherence.events.model.CoherenceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Everything an {@link InMemoryEventBridge} delivered, failed to deliver, gave up on or dropped, with a small query
 * and assertion API.
 *
 * <pre>{@code
 * bridge.putEvents(List.of(PutEventsEntry.of(bus, fixtures.documentedNewEnvironments())));
 * DeliveryLog log = bridge.deliveryLog();
 * log.assertDeliveredTo(logEventsArn, 1);
 * NewEnvironmentsEvent received = (NewEnvironmentsEvent) log.eventsTo(logEventsArn).get(0);
 * }</pre>
 *
 * <p>Every attempt is recorded: successful deliveries (to a bound {@link TargetHandler} or to a plain ARN, which
 * only records) and failed ones, each with its payload in the exact form delivered. Lists come back in the order the
 * attempts were made ({@link DeliveryAttempt#sequence()}).
 *
 * <p>The log keeps everything unless the bridge was built with
 * {@link InMemoryEventBridge.Builder#deliveryLogCapacity(int)}; then it keeps the most recent records of each kind.
 * {@link #subscribe(Listener)} sees every record as it is added, whatever the capacity.
 *
 * <p>The assertion methods throw {@link AssertionError} with what was delivered, so they work in any test framework.
 *
 * <p>Instances are thread-safe: the bus appends from any thread while a test reads. A list returned is a snapshot.
 */
public final class DeliveryLog {

    private static final System.Logger LOGGER = System.getLogger(DeliveryLog.class.getName());

    private final AtomicLong sequence = new AtomicLong();
    private final Bounded<DeliveryAttempt> attempts;
    private final Bounded<DeadLetter> deadLetters;
    private final Bounded<Diagnostic> diagnostics;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    DeliveryLog() {
        this(Integer.MAX_VALUE);
    }

    /** A log that keeps at most {@code capacity} records of each kind, forgetting the oldest. */
    DeliveryLog(int capacity) {
        this.attempts = new Bounded<>(capacity);
        this.deadLetters = new Bounded<>(capacity);
        this.diagnostics = new Bounded<>(capacity);
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void add(DeliveryAttempt attempt) {
        attempts.add(attempt);
        for (Listener listener : listeners) {
            try {
                listener.onAttempt(attempt);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void add(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
        for (Listener listener : listeners) {
            try {
                listener.onDeadLetter(deadLetter);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void add(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
        for (Listener listener : listeners) {
            try {
                listener.onDiagnostic(diagnostic);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    private static void failed(Listener listener, RuntimeException e) {
        // A listener watches; it must not fail the delivery it is told about. Its payload stays out of the log.
        LOGGER.log(System.Logger.Level.WARNING, "DeliveryLog listener " + listener.getClass().getName()
                + " threw " + e.getClass().getName() + "; the delivery is unaffected");
    }

    /**
     * Calls {@code listener} with every record added from now on, in the thread that adds it (the thread that put the
     * event, or the bridge's executor), before the operation that caused it returns. A local endpoint's command line
     * prints each delivery this way.
     *
     * <pre>{@code
     * try (DeliveryLog.Subscription printing = bridge.deliveryLog().subscribe(
     *         attempt -> System.out.println(attempt.toJson()))) {
     *     ...
     * }
     * }</pre>
     *
     * <p>A listener that throws a {@link RuntimeException} does not affect the delivery; the failure is logged
     * (without the payload) at {@code WARNING} through {@link System.Logger}. {@link #clear()} does not remove
     * listeners.
     *
     * @param listener the listener; must not be {@code null}; called from several threads at once when events are
     *     put concurrently, so it must be thread-safe
     * @return the subscription, whose {@link Subscription#close()} stops the calls; never {@code null}
     * @throws IllegalArgumentException if {@code listener} is {@code null}
     */
    public Subscription subscribe(Listener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Returns every delivery attempt, successful or not.
     *
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     */
    public List<DeliveryAttempt> attempts() {
        return select(a -> true);
    }

    /**
     * Returns the successful deliveries to every target.
     *
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     */
    public List<DeliveryAttempt> deliveries() {
        return select(DeliveryAttempt::succeeded);
    }

    /**
     * Returns the successful deliveries to one target ARN.
     *
     * @param targetArn the target's ARN; {@code null} matches nothing
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     */
    public List<DeliveryAttempt> deliveriesTo(String targetArn) {
        return select(a -> a.succeeded() && a.targetArn().equals(targetArn));
    }

    /**
     * Returns the failed attempts, including those that were retried later.
     *
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     */
    public List<DeliveryAttempt> failedAttempts() {
        return select(a -> !a.succeeded());
    }

    /**
     * Returns the payloads successfully delivered to one target ARN, exactly as delivered.
     *
     * @param targetArn the target's ARN; {@code null} matches nothing
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     */
    public List<String> payloadsTo(String targetArn) {
        List<String> payloads = new ArrayList<>();
        for (DeliveryAttempt attempt : deliveriesTo(targetArn)) {
            payloads.add(attempt.payload());
        }
        return List.copyOf(payloads);
    }

    /**
     * Returns the events successfully delivered to one target ARN, parsed as a handler would parse them.
     *
     * @param targetArn the target's ARN; {@code null} matches nothing
     * @return an unmodifiable snapshot in attempt order, possibly empty, never {@code null}
     * @throws com.withcoherence.events.model.CoherenceEventException if a payload is not a whole Coherence event
     */
    public List<CoherenceEvent> eventsTo(String targetArn) {
        List<CoherenceEvent> events = new ArrayList<>();
        for (DeliveryAttempt attempt : deliveriesTo(targetArn)) {
            events.add(attempt.event());
        }
        return List.copyOf(events);
    }

    /**
     * Returns how many deliveries to one target ARN succeeded.
     *
     * @param targetArn the target's ARN; {@code null} matches nothing
     * @return the count
     */
    public int countTo(String targetArn) {
        int count = 0;
        for (DeliveryAttempt attempt : attempts) {
            if (attempt.succeeded() && attempt.targetArn().equals(targetArn)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns the events given up on: sent to a dead-letter queue, or dropped for lack of one.
     *
     * @return an unmodifiable snapshot in the order they were given up, possibly empty, never {@code null}
     */
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> all = deadLetters.snapshot();
        all.sort(Comparator.comparingLong(DeadLetter::sequence));
        return List.copyOf(all);
    }

    /**
     * Returns the messages sent to one dead-letter queue.
     *
     * @param deadLetterArn the queue's ARN; {@code null} matches nothing
     * @return an unmodifiable snapshot, possibly empty, never {@code null}
     */
    public List<DeadLetter> deadLettersIn(String deadLetterArn) {
        List<DeadLetter> selected = new ArrayList<>();
        for (DeadLetter deadLetter : deadLetters()) {
            if (deadLetter.deadLetterArn().equals(Optional.ofNullable(deadLetterArn))) {
                selected.add(deadLetter);
            }
        }
        return List.copyOf(selected);
    }

    /**
     * Returns the events dropped because their target failed for good and had no dead-letter queue.
     *
     * @return an unmodifiable snapshot, possibly empty, never {@code null}
     */
    public List<DeadLetter> dropped() {
        List<DeadLetter> selected = new ArrayList<>();
        for (DeadLetter deadLetter : deadLetters()) {
            if (deadLetter.dropped()) {
                selected.add(deadLetter);
            }
        }
        return List.copyOf(selected);
    }

    /**
     * Returns what the service did silently, such as dropping an event put on a bus that does not exist.
     *
     * @return an unmodifiable snapshot in the order it happened, possibly empty, never {@code null}
     */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics.snapshot());
    }

    /**
     * Asserts that exactly {@code times} deliveries to {@code targetArn} succeeded.
     *
     * @param targetArn the target's ARN
     * @param times the expected count
     * @throws AssertionError if the count differs; its message lists what each target received
     */
    public void assertDeliveredTo(String targetArn, int times) {
        int actual = countTo(targetArn);
        if (actual != times) {
            throw new AssertionError("expected " + times + " deliver" + (times == 1 ? "y" : "ies") + " to "
                    + targetArn + " but found " + actual + "; " + summary());
        }
    }

    /**
     * Asserts that no delivery to {@code targetArn} succeeded.
     *
     * @param targetArn the target's ARN
     * @throws AssertionError if one did; its message lists what each target received
     */
    public void assertNothingDeliveredTo(String targetArn) {
        assertDeliveredTo(targetArn, 0);
    }

    /**
     * Forgets everything recorded so far, so that a test can look only at what follows.
     */
    public void clear() {
        attempts.clear();
        deadLetters.clear();
        diagnostics.clear();
    }

    /**
     * Receives what a {@link DeliveryLog} records, as it is recorded. Only {@link #onAttempt} must be implemented, so
     * a lambda can watch deliveries.
     *
     * <p>Implementations are called from several threads at once when events are put concurrently and must be
     * thread-safe.
     */
    @FunctionalInterface
    public interface Listener {

        /**
         * Called with each delivery attempt, successful or failed.
         *
         * @param attempt the attempt, never {@code null}
         */
        void onAttempt(DeliveryAttempt attempt);

        /**
         * Called with each event given up on (sent to a dead-letter queue, or dropped). Does nothing by default.
         *
         * @param deadLetter the record, never {@code null}
         */
        default void onDeadLetter(DeadLetter deadLetter) {
        }

        /**
         * Called with each diagnostic, such as an event put on a bus that does not exist. Does nothing by default.
         *
         * @param diagnostic the diagnostic, never {@code null}
         */
        default void onDiagnostic(Diagnostic diagnostic) {
        }
    }

    /**
     * A listener's registration; closing it stops the calls. Closing twice does nothing.
     *
     * <p>Instances are thread-safe.
     */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {

        /** Stops the calls to the listener; a call already running finishes. */
        @Override
        void close();
    }

    /** A queue that forgets its oldest elements beyond a capacity; concurrent adds may overshoot it briefly. */
    private static final class Bounded<T> implements Iterable<T> {
        private final int capacity;
        private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        Bounded(int capacity) {
            this.capacity = capacity;
        }

        void add(T element) {
            queue.add(element);
            if (size.incrementAndGet() > capacity && queue.poll() != null) {
                size.decrementAndGet();
            }
        }

        void clear() {
            while (queue.poll() != null) {
                size.decrementAndGet();
            }
        }

        List<T> snapshot() {
            return new ArrayList<>(queue);
        }

        int size() {
            return size.get();
        }

        @Override
        public Iterator<T> iterator() {
            return queue.iterator();
        }
    }

    private List<DeliveryAttempt> select(Predicate<DeliveryAttempt> predicate) {
        List<DeliveryAttempt> selected = new ArrayList<>();
        for (DeliveryAttempt attempt : attempts) {
            if (predicate.test(attempt)) {
                selected.add(attempt);
            }
        }
        selected.sort(Comparator.comparingLong(DeliveryAttempt::sequence));
        return List.copyOf(selected);
    }

    private String summary() {
        Map<String, Integer> perTarget = new java.util.TreeMap<>();
        int failed = 0;
        for (DeliveryAttempt attempt : attempts) {
            if (attempt.succeeded()) {
                perTarget.merge(attempt.targetArn(), 1, Integer::sum);
            } else {
                failed++;
            }
        }
        return "deliveries per target: " + perTarget + ", failed attempts: " + failed + ", dead letters: "
                + deadLetters.size() + ", diagnostics: " + diagnostics.size();
    }
}
