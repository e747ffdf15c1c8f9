package com.withcoherence.events.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link LocalEventBridge} was asked: exact per-operation counts and the most recent requests, for tests of
 * code that must make as few calls as it can ("subscribing twice makes no write the second time").
 *
 * <pre>{@code
 * subscriber.subscribe();
 * endpoint.requests().clear();
 * subscriber.subscribe();
 * assertEquals(0, endpoint.requests().writeCount(), endpoint.requests().records().toString());
 * }</pre>
 *
 * <p>A request is recorded before its answer is sent, so when an SDK call returns, its request is already counted.
 * Counts are exact since the endpoint started or since {@link #clear()}; throttled, failed and malformed requests
 * count too (a retried call counts once per attempt, as AWS would bill it). {@link #records()} keeps the most recent
 * {@link LocalEventBridge.Builder#requestLogCapacity(int)} requests (10,000 by default).
 *
 * <p>Instances are thread-safe: the endpoint's workers record while a test reads; lists returned are snapshots.
 */
public final class RequestLog {

    private final int capacity;
    private final AtomicLong sequence = new AtomicLong();
    private final EnumMap<EventBridgeOperation, LongAdder> counts = new EnumMap<>(EventBridgeOperation.class);
    private final LongAdder unknown = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final ArrayList<RecordedRequest> records = new ArrayList<>();
    private int oldest;

    RequestLog(int capacity) {
        this.capacity = capacity;
        for (EventBridgeOperation operation : EventBridgeOperation.values()) {
            counts.put(operation, new LongAdder());
        }
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void add(RecordedRequest request) {
        total.increment();
        request.knownOperation().ifPresentOrElse(operation -> counts.get(operation).increment(), unknown::increment);
        synchronized (records) {
            // A ring over the list once it is full: flat memory however long the endpoint runs.
            if (records.size() < capacity) {
                records.add(request);
            } else {
                records.set(oldest, request);
                oldest = (oldest + 1) % capacity;
            }
        }
    }

    /**
     * Returns how many requests named this operation.
     *
     * @param operation the operation; must not be {@code null}
     * @return the count since the start or the last {@link #clear()}
     * @throws IllegalArgumentException if {@code operation} is {@code null}
     */
    public long count(EventBridgeOperation operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must not be null");
        }
        return counts.get(operation).sum();
    }

    /**
     * Returns how many requests named an operation that {@linkplain EventBridgeOperation#isWrite() writes}: creates,
     * changes or deletes a bus, rule, target or tag.
     *
     * @return the count since the start or the last {@link #clear()}
     */
    public long writeCount() {
        long writes = 0;
        for (Map.Entry<EventBridgeOperation, LongAdder> entry : counts.entrySet()) {
            if (entry.getKey().isWrite()) {
                writes += entry.getValue().sum();
            }
        }
        return writes;
    }

    /**
     * Returns how many requests arrived, malformed and unknown ones included.
     *
     * @return the count since the start or the last {@link #clear()}
     */
    public long total() {
        return total.sum();
    }

    /**
     * Returns how many requests had no {@code X-Amz-Target} or named no operation the endpoint answers.
     *
     * @return the count since the start or the last {@link #clear()}
     */
    public long unknownCount() {
        return unknown.sum();
    }

    /**
     * Returns the count of every operation asked at least once.
     *
     * @return an unmodifiable map in the enum's order, possibly empty, never {@code null}
     */
    public Map<EventBridgeOperation, Long> counts() {
        Map<EventBridgeOperation, Long> asked = new EnumMap<>(EventBridgeOperation.class);
        for (Map.Entry<EventBridgeOperation, LongAdder> entry : counts.entrySet()) {
            long count = entry.getValue().sum();
            if (count > 0) {
                asked.put(entry.getKey(), count);
            }
        }
        return Map.copyOf(asked);
    }

    /**
     * Returns the most recent requests, oldest first.
     *
     * @return an unmodifiable snapshot, possibly empty, never {@code null}
     */
    public List<RecordedRequest> records() {
        synchronized (records) {
            List<RecordedRequest> ordered = new ArrayList<>(records.size());
            ordered.addAll(records.subList(oldest, records.size()));
            ordered.addAll(records.subList(0, oldest));
            return List.copyOf(ordered);
        }
    }

    /**
     * Returns the most recent requests for one operation, oldest first.
     *
     * @param operation the operation; {@code null} selects the requests that named none the endpoint answers
     * @return an unmodifiable snapshot, possibly empty, never {@code null}
     */
    public List<RecordedRequest> records(EventBridgeOperation operation) {
        List<RecordedRequest> selected = new ArrayList<>();
        for (RecordedRequest request : records()) {
            if (request.knownOperation().orElse(null) == operation) {
                selected.add(request);
            }
        }
        return List.copyOf(selected);
    }

    /**
     * Forgets the counts and records, so that a test can look only at what follows. Request sequence numbers keep
     * increasing.
     */
    public void clear() {
        synchronized (records) {
            records.clear();
            oldest = 0;
        }
        for (LongAdder count : counts.values()) {
            count.reset();
        }
        unknown.reset();
        total.reset();
    }

    @Override
    public String toString() {
        return "RequestLog[total=" + total() + ", counts=" + counts() + ", unknown=" + unknownCount() + "]";
    }
}
