package com.withcoherence.events.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers routed events to targets: at once in the caller's thread (or on the configured executor), later when the
 * simulated clock reaches a retry or a chaos delay, and to the dead-letter queue when retries run out.
 *
 * <p>Every delivery unit (one event, one target, one attempt) is a {@link DeliveryTask}. Tasks due now run
 * immediately; tasks due later wait in a queue ordered by due time until {@link #advanceClock} or
 * {@link #advanceUntilIdle} moves the clock past them, one at a time, so a handler reading the clock sees the time of
 * its own attempt.
 */
final class Dispatcher {

    /** Code standing for a target: receives one delivery's payload, or throws to fail it. */
    interface Receiver {
        void receive(String payload) throws Exception;
    }

    /** One attempt to deliver one event to one target. */
    static final class DeliveryTask {
        final String eventId;
        final String busName;
        final String eventJson;
        final Routing.RouteRule rule;
        final Target target;
        final String payload;
        final Instant ingestionTime;
        final Optional<String> replayName;
        final int attempt;
        final Instant due;
        long order;

        DeliveryTask(String eventId, String busName, String eventJson, Routing.RouteRule rule, Target target,
                String payload, Instant ingestionTime, Optional<String> replayName, int attempt, Instant due) {
            this.eventId = eventId;
            this.busName = busName;
            this.eventJson = eventJson;
            this.rule = rule;
            this.target = target;
            this.payload = payload;
            this.ingestionTime = ingestionTime;
            this.replayName = replayName;
            this.attempt = attempt;
            this.due = due;
        }

        DeliveryTask at(Instant time, int attemptNumber) {
            return new DeliveryTask(eventId, busName, eventJson, rule, target, payload, ingestionTime, replayName,
                    attemptNumber, time);
        }
    }

    /** Back-off between attempts: 1 s, doubling, at most 5 minutes; deterministic so tests replay. */
    static Duration backoff(int failedAttempt) {
        int exponent = Math.max(0, failedAttempt - 1);
        return Duration.ofSeconds(exponent >= 9 ? 300 : Math.min(300, 1L << exponent));
    }

    private final SimulatedClock clock;
    private final Executor executor;
    private final DeliveryLog log;
    private final ConcurrentHashMap<String, Receiver> receivers = new ConcurrentHashMap<>();
    private final PriorityQueue<DeliveryTask> pending = new PriorityQueue<>(
            (a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
    private final AtomicLong order = new AtomicLong();
    private final Object chaosLock = new Object();
    private volatile Chaos chaos = Chaos.NONE;
    private Random random = new Random(0);
    private final Object advanceLock = new Object();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private int inFlight;
    private final ConcurrentLinkedQueue<Throwable> asyncErrors = new ConcurrentLinkedQueue<>();

    Dispatcher(SimulatedClock clock, Executor executor, DeliveryLog log) {
        this.clock = clock;
        this.executor = executor;
        this.log = log;
    }

    void bind(String arn, Receiver receiver) {
        receivers.put(arn, receiver);
    }

    void unbind(String arn) {
        receivers.remove(arn);
    }

    void unbindAll() {
        receivers.clear();
    }

    void chaos(Chaos chaos) {
        synchronized (chaosLock) {
            this.chaos = chaos;
            this.random = new Random(chaos.seed());
        }
    }

    Chaos chaos() {
        return chaos;
    }

    /** Delivers the first attempts produced by one PutEvents call (or one replay), after chaos. */
    void dispatch(List<DeliveryTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<DeliveryTask> units = tasks;
        Chaos current = chaos;
        if (!current.isNone()) {
            units = new ArrayList<>(tasks.size() * 2);
            synchronized (chaosLock) {
                long maxDelay = current.maxDelay().toMillis();
                for (DeliveryTask task : tasks) {
                    int copies = random.nextDouble() < current.duplicateProbability() ? 2 : 1;
                    for (int i = 0; i < copies; i++) {
                        long delay = maxDelay > 0 ? (long) (random.nextDouble() * (maxDelay + 1)) : 0;
                        units.add(task.at(task.due.plusMillis(delay), task.attempt));
                    }
                }
                if (current.shuffle()) {
                    Collections.shuffle(units, random);
                }
            }
        }
        Instant now = clock.instant();
        for (DeliveryTask task : units) {
            task.order = order.incrementAndGet();
            if (task.due.isAfter(now)) {
                schedule(task);
            } else {
                execute(task);
            }
        }
    }

    private void schedule(DeliveryTask task) {
        if (task.order == 0) {
            task.order = order.incrementAndGet();
        }
        synchronized (pending) {
            pending.add(task);
        }
    }

    private void execute(DeliveryTask task) {
        if (executor == null) {
            run(task);
            return;
        }
        idleLock.lock();
        try {
            inFlight++;
        } finally {
            idleLock.unlock();
        }
        try {
            executor.execute(() -> runAsync(task));
        } catch (RejectedExecutionException e) {
            // An executor that is shut down cannot lose deliveries: they run here instead.
            runAsync(task);
        }
    }

    private void runAsync(DeliveryTask task) {
        try {
            run(task);
        } catch (Throwable t) {
            asyncErrors.add(t);
        } finally {
            idleLock.lock();
            try {
                inFlight--;
                if (inFlight == 0) {
                    idle.signalAll();
                }
            } finally {
                idleLock.unlock();
            }
        }
    }

    private void run(DeliveryTask task) {
        Receiver receiver = receivers.get(task.target.arn());
        Instant at = clock.instant();
        try {
            if (receiver != null) {
                receiver.receive(task.payload);
            }
        } catch (Exception e) {
            fail(task, e, at);
            return;
        }
        log.add(attempt(task, at, true, null, null));
    }

    private void fail(DeliveryTask task, Exception error, Instant at) {
        String code = error instanceof DeliveryFailure
                ? ((DeliveryFailure) error).errorCode() : DeliveryFailure.ERROR_FROM_TARGET;
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        boolean retryable = !(error instanceof DeliveryFailure) || ((DeliveryFailure) error).retryable();
        log.add(attempt(task, at, false, code, message));

        RetryPolicy policy = task.target.effectiveRetryPolicy();
        int retriesDone = task.attempt - 1;
        String exhausted = null;
        if (retryable) {
            if (retriesDone >= policy.maximumRetryAttempts()) {
                exhausted = "MaximumRetryAttempts";
            } else {
                Instant next = at.plus(backoff(task.attempt));
                if (Duration.between(task.ingestionTime, next).getSeconds() > policy.maximumEventAgeInSeconds()) {
                    exhausted = "MaximumEventAgeInSeconds";
                } else {
                    schedule(task.at(next, task.attempt + 1));
                    return;
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", task.rule.arn());
        attributes.put("TARGET_ARN", task.target.arn());
        attributes.put("ERROR_CODE", code);
        attributes.put("ERROR_MESSAGE", message);
        if (exhausted != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        }
        attributes.put("RETRY_ATTEMPTS", String.valueOf(retriesDone));
        log.add(new DeadLetter(log.nextSequence(), task.eventId, task.busName, task.rule.arn(), task.target.id(),
                task.target.arn(), task.target.deadLetterArn(), task.eventJson, attributes, at));
    }

    private DeliveryAttempt attempt(DeliveryTask task, Instant at, boolean succeeded, String code, String message) {
        return new DeliveryAttempt(log.nextSequence(), task.eventId, task.busName, task.rule.name(), task.rule.arn(),
                task.target.id(), task.target.arn(), task.payload, at, task.attempt, succeeded,
                Optional.ofNullable(code), Optional.ofNullable(message), task.replayName);
    }

    /** Moves the clock forward by {@code amount}, making every attempt that falls due on the way, in time order. */
    void advanceClock(Duration amount) {
        synchronized (advanceLock) {
            Instant target = clock.instant().plus(amount);
            while (true) {
                awaitInFlight();
                DeliveryTask task = pollDue(target);
                if (task == null) {
                    break;
                }
                clock.advanceTo(task.due);
                execute(task);
            }
            clock.advanceTo(target);
        }
    }

    /** Moves the clock to each waiting attempt in turn until none is left; returns how far it moved. */
    Duration advanceUntilIdle() {
        synchronized (advanceLock) {
            Instant start = clock.instant();
            while (true) {
                awaitInFlight();
                DeliveryTask task = pollDue(null);
                if (task == null) {
                    break;
                }
                clock.advanceTo(task.due);
                execute(task);
            }
            return Duration.between(start, clock.instant());
        }
    }

    private DeliveryTask pollDue(Instant limit) {
        synchronized (pending) {
            DeliveryTask first = pending.peek();
            if (first == null || (limit != null && first.due.isAfter(limit))) {
                return null;
            }
            return pending.poll();
        }
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Waits without timeout for running asynchronous deliveries; used between clock steps. */
    private void awaitInFlight() {
        if (executor == null) {
            return;
        }
        idleLock.lock();
        try {
            while (inFlight > 0) {
                idle.awaitUninterruptibly();
            }
        } finally {
            idleLock.unlock();
        }
        rethrowAsyncError();
    }

    /** Waits up to {@code timeout} for running asynchronous deliveries; {@code true} if none is left running. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (executor != null) {
            long nanos = timeout.toNanos();
            idleLock.lock();
            try {
                while (inFlight > 0) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = idle.awaitNanos(nanos);
                }
            } finally {
                idleLock.unlock();
            }
        }
        rethrowAsyncError();
        return true;
    }

    private void rethrowAsyncError() {
        Throwable error = asyncErrors.poll();
        if (error instanceof Error) {
            throw (Error) error;
        }
        if (error instanceof RuntimeException) {
            throw (RuntimeException) error;
        }
        if (error != null) {
            throw new IllegalStateException("an asynchronous delivery failed", error);
        }
    }
}
