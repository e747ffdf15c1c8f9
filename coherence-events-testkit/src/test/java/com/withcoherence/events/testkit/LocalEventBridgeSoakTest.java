package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * A bounded-time soak of the loopback endpoint: several real SDK clients in parallel for a while, every request,
 * error and delivery counted; no delivery lost, heap after GC flat between the end of the warm-up and the end, no
 * thread of the endpoint left behind.
 *
 * <p>The build runs it for {@value #DEFAULT_SECONDS} seconds. A longer run is one command (the figures are printed
 * and written to {@code target/soak-endpoint.txt}):
 *
 * <pre>
 * ./mvnw -B verify -pl coherence-events-testkit -am -Dtest=LocalEventBridgeSoakTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcoherence.soak.seconds=300
 * </pre>
 */
// The SDK's consumer-builder varargs (targets(Consumer<Target.Builder>...)) are not @SafeVarargs.
@SuppressWarnings("unchecked")
class LocalEventBridgeSoakTest {

    static final int DEFAULT_SECONDS = 3;
    static final int CLIENTS = 6;
    static final String BUS = "soak";
    /** Heap growth after GC allowed between the end of the warm-up and the end: a leak of 1 KB per request over a
     *  few thousand requests already shows; the bounded logs are full by the end of the warm-up in long runs. */
    static final long MAX_HEAP_GROWTH = 32L * 1024 * 1024;

    @Test
    void servesSeveralSdkClientsForAWhileWithoutLosingADeliveryOrGrowing() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("coherence.soak.seconds", DEFAULT_SECONDS));
        Duration warmUp = Duration.ofMillis(Math.max(1000, length.toMillis() / 10));
        Set<String> threadsBefore = LocalEventBridgeTest.serverThreads();
        Set<String> jvmThreadsBefore = threadNames();

        InMemoryEventBridge bridge = InMemoryEventBridge.builder().deliveryLogCapacity(1000).build();
        bridge.createEventBus(BUS);
        ConcurrentHashMap<String, LongAdder> delivered = new ConcurrentHashMap<>();
        bridge.deliveryLog().subscribe(attempt -> {
            if (attempt.succeeded()) {
                delivered.computeIfAbsent(attempt.targetArn(), arn -> new LongAdder()).increment();
            }
        });
        LongAdder requests = new LongAdder();
        LongAdder expectedErrors = new LongAdder();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, LongAdder> matchingAccepted = new ConcurrentHashMap<>();
        AtomicLong heapAfterWarmUp = new AtomicLong();
        long heapAtEnd;
        long started;
        long finished;

        try (LocalEventBridge endpoint = LocalEventBridge.start(bridge)) {
            CountDownLatch warmedUp = new CountDownLatch(CLIENTS);
            CountDownLatch measured = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            started = System.nanoTime();
            long warmUpEnds = started + warmUp.toNanos();
            long ends = started + length.toNanos();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String name = "client-" + c;
                String arn = "arn:aws:sqs:us-east-1:123456789012:" + name;
                clients.add(pool.submit(() -> {
                    boolean reported = false;
                    try (EventBridgeClient events = Sdk.withoutRetries(endpoint.endpoint())) {
                        for (long round = 0; System.nanoTime() < ends; round++) {
                            if (!reported && System.nanoTime() >= warmUpEnds) {
                                reported = true;
                                warmedUp.countDown();
                                measured.await(30, TimeUnit.SECONDS);
                            }
                            try {
                                round(events, name, arn, round, requests, expectedErrors, matchingAccepted);
                            } catch (RuntimeException e) {
                                unexpected.add(e);
                            }
                        }
                    } finally {
                        if (!reported) {
                            warmedUp.countDown();
                        }
                    }
                    return null;
                }));
            }
            // Between warm-up and measurement every client waits, so the heap is measured at rest.
            warmedUp.await(60, TimeUnit.SECONDS);
            heapAfterWarmUp.set(usedHeapAfterGc());
            measured.countDown();
            for (Future<?> client : clients) {
                client.get(length.toSeconds() + 60, TimeUnit.SECONDS);
            }
            finished = System.nanoTime();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            heapAtEnd = usedHeapAfterGc();

            assertEquals(List.of(), unexpected, "no unexpected error");
            assertEquals(List.of(), endpoint.internalErrors());
            for (int c = 0; c < CLIENTS; c++) {
                String arn = "arn:aws:sqs:us-east-1:123456789012:client-" + c;
                long expected = matchingAccepted.getOrDefault("client-" + c, new LongAdder()).sum();
                assertTrue(expected > 0, "client-" + c + " put events");
                assertEquals(expected, delivered.getOrDefault(arn, new LongAdder()).sum(),
                        "every accepted event for client-" + c + " was delivered exactly once");
            }
            assertEquals(requests.sum(), endpoint.requests().total(), "every request reached the request log");
            assertTrue(bridge.deliveryLog().attempts().size() <= 1000, "the bounded delivery log stayed bounded");
            report(length, requests.sum(), expectedErrors.sum(), delivered, heapAfterWarmUp.get(), heapAtEnd,
                    finished - started, endpoint.requests());
        }
        Set<String> threadsAfter = LocalEventBridgeTest.serverThreads();
        assertEquals(threadsBefore, threadsAfter, "no endpoint thread left behind");
        // HttpServer.stop() cancels the JDK server's idle timer, whose thread ("idle-timeout-task") then ends on its
        // own, a moment later: wait for it to end (a timer that was never cancelled would still fail below).
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("idle-timeout-task") && !jvmThreadsBefore.contains(thread.getName())) {
                thread.join(2000);
            }
        }
        Set<String> appeared = threadNames();
        appeared.removeAll(jvmThreadsBefore);
        // The JDK's HttpURLConnection (the SDK's url-connection client) may leave its "Keep-Alive-Timer", which ends
        // by itself within seconds; anything else would be a leak.
        appeared.remove("Keep-Alive-Timer");
        System.out.println("JVM threads before: " + jvmThreadsBefore.size() + "; new ones left after: " + appeared);
        assertEquals(Set.of(), appeared, "no thread left behind");
        assertTrue(heapAtEnd - heapAfterWarmUp.get() < MAX_HEAP_GROWTH, "heap after GC grew from "
                + heapAfterWarmUp.get() + " to " + heapAtEnd + " bytes");
    }

    /** One round of a client: the calls a subscriber and a publisher make, one expected error included. */
    static void round(EventBridgeClient events, String name, String arn, long round, LongAdder requests,
            LongAdder expectedErrors, ConcurrentHashMap<String, LongAdder> matchingAccepted) {
        if (round % 20 == 0) {
            events.putRule(b -> b.name(name).eventBusName(BUS).eventPattern("{\"source\": [\"Coherence\"], "
                    + "\"detail-type\": [\"" + name + "\"]}"));
            events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(t -> t.id("queue").arn(arn)
                    .inputTransformer(i -> i.inputPathsMap(java.util.Map.of("n", "$.detail.n"))
                            .inputTemplate("{\"n\": <n>}"))));
            requests.add(2);
        }
        List<PutEventsRequestEntry> entries = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            String detailType = i % 2 == 0 ? name : "nobody";
            entries.add(PutEventsRequestEntry.builder().eventBusName(BUS).source("Coherence").detailType(detailType)
                    .detail("{\"n\": " + (round * 10 + i) + "}").build());
        }
        PutEventsResponse put = events.putEvents(b -> b.entries(entries));
        requests.increment();
        int matching = 0;
        for (int i = 0; i < 10; i += 2) {
            if (put.entries().get(i).eventId() != null) {
                matching++;
            }
        }
        matchingAccepted.computeIfAbsent(name, key -> new LongAdder()).add(matching);
        events.listRules(b -> b.eventBusName(BUS).namePrefix("client-").limit(1));
        events.describeRule(b -> b.eventBusName(BUS).name(name));
        requests.add(2);
        if (round % 10 == 0) {
            requests.increment();
            try {
                events.describeRule(b -> b.eventBusName(BUS).name("missing"));
            } catch (ResourceNotFoundException e) {
                expectedErrors.increment();
            }
        }
    }

    static Set<String> threadNames() {
        Set<String> names = new java.util.TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static void report(Duration length, long requests, long expectedErrors,
            ConcurrentHashMap<String, LongAdder> delivered, long heapStart, long heapEnd, long nanos,
            RequestLog log) throws IOException {
        long deliveries = delivered.values().stream().mapToLong(LongAdder::sum).sum();
        List<Long> durations = new ArrayList<>();
        for (RecordedRequest request : log.records()) {
            durations.add(request.duration().toNanos());
        }
        durations.sort(null);
        double seconds = nanos / 1e9;
        String report = String.format(Locale.ROOT, "soak %ds, %d SDK clients: %d requests (%.0f/s), %d expected "
                        + "errors, 0 unexpected, %d deliveries (%.0f/s), none lost; server-side latency p50 %.2f ms, "
                        + "p99 %.2f ms (last %d requests); heap after GC %.1f MiB after warm-up, %.1f MiB at the end "
                        + "(%+.1f MiB)%n",
                length.toSeconds(), CLIENTS, requests, requests / seconds, expectedErrors, deliveries,
                deliveries / seconds, percentile(durations, 0.50) / 1e6, percentile(durations, 0.99) / 1e6,
                durations.size(), heapStart / 1048576.0, heapEnd / 1048576.0, (heapEnd - heapStart) / 1048576.0);
        System.out.print(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("soak-endpoint.txt"), report);
        }
    }

    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
