package com.withcoherence.events.benchmarks.endpoint;

import com.withcoherence.events.model.CoherenceEvent;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.model.EventPattern;
import com.withcoherence.events.testkit.CoherenceFixtures;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.util.ListStatistics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * PutEvents throughput and latency through the real AWS SDK for Java v2 {@code EventBridgeClient} (url-connection HTTP
 * client), against the testkit's {@link LocalEventBridge} and, in the same run, against {@code moto_server} when it is
 * installed: 10 entries per call (the documented {@code new_environments} and {@code valid_environments} events, five
 * each) on a Coherence bus with three rules, from 1 and 4 client threads sharing one client, as an application shares
 * it. By default the rules have no targets, so both peers do the same work (validate, complete, match, answer);
 * {@code --targets} gives each rule an SQS queue target, which moto fills at about 0.1 s per delivery. A third peer,
 * a JDK HTTP server that answers every call with the same canned answer, is the floor: what the SDK client and the
 * loopback transport cost when the server does no work ({@code --no-floor} leaves it out).
 *
 * <p>Each round measures every peer at every thread count (peers alternate, so load from other processes falls on
 * both), after a warm-up at the same thread count. Throughput is reported per second of measurement: the mean of those
 * one-second samples over all rounds, with a 99.9% confidence interval (Student's t, as JMH reports); latency
 * percentiles pool every call of every round. CPU per call is the client JVM's CPU time plus, for moto, its Python
 * process's (the loopback endpoint runs inside the client's JVM, as it does in a user's tests), so that a ratio made by
 * someone else's load shows. The SDK retries nothing: every call is counted as made, and a failed call or entry fails
 * the run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar com.withcoherence.events.benchmarks.endpoint.EndpointBenchmark
 * [--threads 1,4] [--warmup 10] [--seconds 10] [--rounds 3] [--no-moto] [--targets] [--no-floor]
 * [--http url-connection|apache5] [--out FILE]}. {@code scripts/bench-endpoint.sh}
 * runs it.
 */
public final class EndpointBenchmark {

    static final String BUS = CoherenceFixtures.documentedBus().name();
    static final String REGION = "us-east-1";
    static final String QUEUE = "coherence-bench";
    static final String QUEUE_ARN = "arn:aws:sqs:" + REGION + ":" + InMemoryEventBridge.DEFAULT_ACCOUNT + ":" + QUEUE;
    static final int ENTRIES_PER_CALL = 10;
    private static final double CONFIDENCE = 0.999;

    private EndpointBenchmark() {
    }

    /**
     * What to run.
     *
     * @param threads the client thread counts, each measured in every round
     * @param warmup warm-up before each measurement
     * @param measurement how long each measurement lasts
     * @param rounds how many times every peer and thread count is measured
     * @param moto whether to compare with {@code moto_server} when it is installed
     * @param targets whether each rule delivers to an SQS queue
     * @param floor whether to measure a canned-answer server too
     * @param http the SDK's HTTP client: {@code url-connection} or {@code apache5}
     */
    public record Options(List<Integer> threads, Duration warmup, Duration measurement, int rounds, boolean moto,
            boolean targets, boolean floor, String http) {

        /**
         * Checks and copies the options.
         *
         * @param threads the client thread counts, each measured in every round
         * @param warmup warm-up before each measurement
         * @param measurement how long each measurement lasts
         * @param rounds how many times every peer and thread count is measured
         * @param moto whether to compare with {@code moto_server} when it is installed
         * @param targets whether each rule delivers to an SQS queue (moto then enqueues a message per match, which
         *     costs it about 0.1 s each); without, both only validate, match and answer
         * @param floor whether to measure a server that answers every call with a canned answer, the floor of what
         *     the client and the transport cost
         * @param http the SDK's HTTP client: {@code url-connection} (as our tests and CLI use it) or {@code apache5}
         *     (the SDK's default for synchronous clients)
         */
        public Options {
            threads = List.copyOf(threads);
            if (!http.equals("url-connection") && !http.equals("apache5")) {
                throw new IllegalArgumentException("no HTTP client " + http + "; use url-connection or apache5");
            }
            if (threads.isEmpty() || rounds < 1 || measurement.toMillis() < 1) {
                throw new IllegalArgumentException("need thread counts, at least one round and a measurement time");
            }
        }
    }

    /**
     * One peer at one thread count, over every round.
     *
     * @param peer the peer's name
     * @param threads client threads
     * @param calls PutEvents calls measured
     * @param perSecond calls per second, one sample per second of measurement
     * @param latenciesNanos every measured call's latency, sorted
     * @param cpuNanos CPU time of the client JVM and the peer's process over the measurements, or -1 if unknown
     * @param serverCpuNanos CPU time of the server alone (the endpoint's HTTP threads, or moto's process), or -1
     */
    public record Result(String peer, int threads, long calls, ListStatistics perSecond, long[] latenciesNanos,
            long cpuNanos, long serverCpuNanos) {

        /**
         * Returns the mean throughput.
         *
         * @return calls per second
         */
        public double throughput() {
            return perSecond.getMean();
        }

        /**
         * Returns the half-width of the throughput's 99.9% confidence interval.
         *
         * @return calls per second, NaN with a single sample
         */
        public double throughputError() {
            return perSecond.getN() > 1 ? perSecond.getMeanErrorAt(CONFIDENCE) : Double.NaN;
        }

        /**
         * Returns a latency percentile.
         *
         * @param percentile 0 to 100
         * @return milliseconds
         */
        public double latencyMillis(double percentile) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }

        /**
         * Returns the CPU time per call.
         *
         * @return microseconds, NaN if unknown
         */
        public double cpuMicrosPerCall() {
            return cpuNanos < 0 || calls == 0 ? Double.NaN : cpuNanos / 1e3 / calls;
        }

        /**
         * Returns the server's own CPU time per call: the endpoint's HTTP dispatcher and worker threads (not the JIT
         * compiling them), or moto's whole process.
         *
         * @return microseconds, NaN if unknown
         */
        public double serverCpuMicrosPerCall() {
            return serverCpuNanos < 0 || calls == 0 ? Double.NaN : serverCpuNanos / 1e3 / calls;
        }
    }

    /**
     * Runs the benchmark and prints its Markdown report.
     *
     * @param args see the class description
     * @throws Exception if a peer cannot be started or a call fails
     */
    public static void main(String[] args) throws Exception {
        List<Integer> threads = List.of(1, 4);
        Duration warmup = Duration.ofSeconds(10);
        Duration measurement = Duration.ofSeconds(10);
        int rounds = 3;
        boolean moto = true;
        boolean targets = false;
        boolean floor = true;
        String http = "url-connection";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads":
                    threads = new ArrayList<>();
                    for (String t : args[++i].split(",")) {
                        threads.add(Integer.parseInt(t.trim()));
                    }
                    break;
                case "--warmup":
                    warmup = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    break;
                case "--seconds":
                    measurement = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--no-moto":
                    moto = false;
                    break;
                case "--targets":
                    targets = true;
                    break;
                case "--no-floor":
                    floor = false;
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--http":
                    http = args[++i];
                    break;
                default:
                    System.err.println("unknown argument " + args[i] + "; usage: [--threads 1,4] [--warmup S] "
                            + "[--seconds S] [--rounds N] [--no-moto] [--targets] [--no-floor] [--http url-connection|apache5] [--out FILE]");
                    System.exit(2);
            }
        }
        String report = report(run(new Options(threads, warmup, measurement, rounds, moto, targets, floor, http), System.err::println));
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    /**
     * Measures every peer at every thread count, round after round.
     *
     * @param options what to run
     * @param progress receives a line per measurement
     * @return one result per peer and thread count, the loopback endpoint's first
     * @throws Exception if a peer cannot be started or a call fails
     */
    public static List<Result> run(Options options, java.util.function.Consumer<String> progress) throws Exception {
        InMemoryEventBridge bridge = InMemoryEventBridge.builder()
                // A long run would otherwise keep every delivery: bounded, as a served endpoint should be.
                .deliveryLogCapacity(10_000)
                .build();
        Optional<Path> motoExecutable = options.moto() ? MotoServer.find() : Optional.empty();
        if (options.moto() && motoExecutable.isEmpty()) {
            progress.accept("moto_server is not on the PATH: measuring the loopback endpoint only.");
        }
        Map<String, Accumulator> results = new LinkedHashMap<>();
        try (LocalEventBridge local = LocalEventBridge.start(bridge);
                EventBridgeClient localClient = client(local.endpoint(), options.http());
                CannedServer canned = options.floor() ? new CannedServer(ENTRIES_PER_CALL, 8) : null;
                EventBridgeClient cannedClient = canned == null ? null : client(canned.endpoint(), options.http());
                MotoServer moto = motoExecutable.isPresent() ? MotoServer.start(motoExecutable.get()) : null;
                EventBridgeClient motoClient = moto == null ? null : client(moto.endpoint(), options.http())) {
            setUp(localClient, options.targets());
            if (moto != null) {
                moto.createQueue(QUEUE, REGION);
                setUp(motoClient, options.targets());
            }
            PutEventsRequest request = request();
            for (int round = 1; round <= options.rounds(); round++) {
                for (int threads : options.threads()) {
                    measure(results, "LocalEventBridge", localClient, request, threads, options,
                            () -> 0L, ProcessCpu::ofEndpointThreads, round, progress);
                    if (canned != null) {
                        measure(results, "canned answer (floor)", cannedClient, request, threads, options,
                                () -> 0L, ProcessCpu::ofCannedThreads, round, progress);
                    }
                    if (moto != null) {
                        measure(results, "moto_server", motoClient, request, threads, options, moto::cpuNanos,
                                moto::cpuNanos, round, progress);
                    }
                }
            }
            if (options.targets() && bridge.deliveryLog().deliveries().isEmpty()) {
                throw new IllegalStateException("the loopback endpoint delivered nothing: the workload is wrong");
            }
        }
        List<Result> list = new ArrayList<>();
        for (Accumulator a : results.values()) {
            list.add(a.result());
        }
        return list;
    }

    /** The SDK client as a user configures it for a local endpoint, without retries so every call counts once. */
    static EventBridgeClient client(URI endpoint) {
        return client(endpoint, "url-connection");
    }

    /**
     * The SDK client with the named HTTP client. The url-connection client writes a request's headers and body in two
     * TCP segments, so Nagle's algorithm holds the body until the server's delayed ACK: about 1 ms per call on
     * loopback, whatever the server. Apache's client sends both at once.
     */
    static EventBridgeClient client(URI endpoint, String http) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH",
                        "not-a-secret")))
                .httpClient(http.equals("apache5") ? Apache5HttpClient.builder().maxConnections(64).build()
                        : UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /** The Coherence bus with three rules a team would put, each delivering to the queue if {@code targets}. */
    static void setUp(EventBridgeClient client, boolean targets) {
        client.createEventBus(b -> b.name(BUS));
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("provision", EventPattern.builder().newEnvironments().build().json());
        rules.put("reconcile", EventPattern.builder().validEnvironments().build().json());
        rules.put("previews", EventPattern.builder().newEnvironments().environmentNamePrefixes("another-").build()
                .json());
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            client.putRule(b -> b.name(rule.getKey()).eventBusName(BUS).eventPattern(rule.getValue()));
            if (targets) {
                client.putTargets(b -> b.rule(rule.getKey()).eventBusName(BUS)
                        .targets(t -> t.id("queue").arn(QUEUE_ARN)));
            }
        }
    }

    /** Ten entries: the documented new_environments and valid_environments events, five of each. */
    static PutEventsRequest request() {
        CoherenceEvent[] events = {CoherenceFixtures.documentedNewEnvironments(),
            CoherenceFixtures.documentedValidEnvironments()};
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES_PER_CALL; i++) {
            CoherenceEvent event = events[i % 2];
            entries.add(PutEventsRequestEntry.builder().eventBusName(BUS).source(event.source())
                    .detailType(event.detailType()).detail(CoherenceEvents.detailJson(event)).build());
        }
        return PutEventsRequest.builder().entries(entries).build();
    }

    private static void measure(Map<String, Accumulator> results, String peer, EventBridgeClient client,
            PutEventsRequest request, int threads, Options options, java.util.function.LongSupplier peerCpu,
            java.util.function.LongSupplier serverCpu, int round, java.util.function.Consumer<String> progress)
            throws InterruptedException {
        load(client, request, threads, options.warmup(), null);
        Accumulator into = results.computeIfAbsent(peer + "/" + threads, k -> new Accumulator(peer, threads));
        long jvmCpu = ProcessCpu.ofThisJvm();
        long otherCpu = peerCpu.getAsLong();
        long server = serverCpu.getAsLong();
        Window window = load(client, request, threads, options.measurement(), into);
        long jvmUsed = ProcessCpu.ofThisJvm() - jvmCpu;
        long otherUsed = peerCpu.getAsLong() - otherCpu;
        long serverUsed = serverCpu.getAsLong() - server;
        into.addCpu(jvmCpu < 0 || otherCpu < 0 ? -1 : jvmUsed + otherUsed, server < 0 ? -1 : serverUsed);
        progress.accept(String.format(Locale.ROOT, "round %d: %s, %d thread(s): %.0f calls/s", round, peer,
                threads, window.calls / (window.nanos / 1e9)));
    }

    /** Calls and time of one load phase. */
    private record Window(long calls, long nanos) {
    }

    /** Runs {@code threads} threads putting the request until {@code duration} passes; records into {@code into}. */
    private static Window load(EventBridgeClient client, PutEventsRequest request, int threads, Duration duration,
            Accumulator into) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        int seconds = (int) Math.max(1, Math.ceil(duration.toMillis() / 1000.0));
        long[][] perSecond = new long[threads][seconds];
        long[] begin = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try {
                    start.await();
                    long end = begin[0] + duration.toNanos();
                    while (failure.get() == null) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        PutEventsResponse response = client.putEvents(request);
                        long after = System.nanoTime();
                        if (response.failedEntryCount() != 0) {
                            throw new IllegalStateException("PutEvents failed " + response.failedEntryCount()
                                    + " entries: " + response.entries());
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = after - before;
                        int second = (int) ((after - begin[0]) / 1_000_000_000L);
                        if (second < perSecond[me].length) {
                            perSecond[me][second]++;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                latencies[me] = Arrays.copyOf(mine, n);
                counts[me] = n;
            }, "bench-client-" + t);
            worker.start();
            workers.add(worker);
        }
        begin[0] = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - begin[0];
        if (failure.get() != null) {
            throw new IllegalStateException("a PutEvents call failed: " + failure.get(), failure.get());
        }
        long calls = 0;
        for (int c : counts) {
            calls += c;
        }
        if (into != null) {
            for (int s = 0; s < seconds; s++) {
                long sum = 0;
                for (int t = 0; t < threads; t++) {
                    sum += perSecond[t][s];
                }
                // A last, partial second would understate the rate: only whole seconds are samples.
                if ((s + 1) * 1_000_000_000L <= duration.toNanos()) {
                    into.perSecond.addValue(sum);
                }
            }
            for (long[] l : latencies) {
                into.latencies.add(l);
            }
            into.calls += calls;
        }
        return new Window(calls, elapsed);
    }

    /** Pools the rounds of one peer and thread count. */
    private static final class Accumulator {
        final String peer;
        final int threads;
        final ListStatistics perSecond = new ListStatistics();
        final List<long[]> latencies = new ArrayList<>();
        long calls;
        long cpu;
        long serverCpu;

        Accumulator(String peer, int threads) {
            this.peer = peer;
            this.threads = threads;
        }

        void addCpu(long used, long serverUsed) {
            cpu = cpu < 0 || used < 0 ? -1 : cpu + used;
            serverCpu = serverCpu < 0 || serverUsed < 0 ? -1 : serverCpu + serverUsed;
        }

        Result result() {
            int total = 0;
            for (long[] l : latencies) {
                total += l.length;
            }
            long[] all = new long[total];
            int at = 0;
            for (long[] l : latencies) {
                System.arraycopy(l, 0, all, at, l.length);
                at += l.length;
            }
            Arrays.sort(all);
            return new Result(peer, threads, calls, perSecond, all, cpu, serverCpu);
        }
    }

    /**
     * Renders the results as Markdown: one row per peer and thread count, with ratios to moto where it ran.
     *
     * @param results the results of {@link #run}
     * @return the report
     */
    public static String report(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| peer | client threads | calls/s (± 99.9% CI) | ÷ moto | p50 ms | p99 ms | p99 ÷ moto | "
                + "CPU µs/call (client + server) | moto ÷ it | server CPU µs/call | moto ÷ it | calls |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            Result moto = null;
            for (Result m : results) {
                if (m.peer().equals("moto_server") && m.threads() == r.threads()) {
                    moto = m;
                }
            }
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f ± %.0f | %s | %.2f | %.2f | %s | %.0f | %s | %.0f | %s | %d |%n",
                    r.peer(), r.threads(), r.throughput(), r.throughputError(),
                    moto == null ? "–" : ratio(r.throughput(), r.throughputError(), moto.throughput(),
                            moto.throughputError()),
                    r.latencyMillis(50), r.latencyMillis(99),
                    moto == null ? "–" : String.format(Locale.ROOT, "%.3f×", r.latencyMillis(99)
                            / moto.latencyMillis(99)),
                    r.cpuMicrosPerCall(),
                    moto == null ? "–" : String.format(Locale.ROOT, "%.1f×", moto.cpuMicrosPerCall()
                            / r.cpuMicrosPerCall()),
                    r.serverCpuMicrosPerCall(),
                    moto == null ? "–" : String.format(Locale.ROOT, "%.1f×", moto.serverCpuMicrosPerCall()
                            / r.serverCpuMicrosPerCall()),
                    r.calls()));
        }
        return out.toString();
    }

    /** a / b with the error of both relative errors added in quadrature. */
    static String ratio(double a, double aError, double b, double bError) {
        double ratio = a / b;
        double error = ratio * Math.sqrt(Math.pow(aError / a, 2) + Math.pow(bError / b, 2));
        return String.format(Locale.ROOT, "%.1f× ± %.1f", ratio, error);
    }
}
