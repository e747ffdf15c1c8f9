package com.withcoherence.events.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EventBridge endpoint on the loopback interface, backed by an {@link InMemoryEventBridge}: the unmodified AWS SDK
 * for Java v2 {@code EventBridgeClient}, the AWS CLI and any other AWS SDK talk to it as to the real service, without
 * AWS and without Docker.
 *
 * <pre>{@code
 * try (LocalEventBridge endpoint = LocalEventBridge.start()) {
 *     EventBridgeClient events = EventBridgeClient.builder()
 *             .endpointOverride(endpoint.endpoint())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *             .httpClient(UrlConnectionHttpClient.create())
 *             .build();
 *     events.createEventBus(b -> b.name("my-app-coherence-events"));
 *     ...
 *     endpoint.bridge().deliveryLog().assertDeliveredTo(targetArn, 1);
 * }
 * }</pre>
 *
 * <p>It speaks AWS JSON 1.1 as EventBridge does: {@code POST /} with {@code X-Amz-Target: AWSEvents.<Operation>},
 * PascalCase members, event patterns, details and events as JSON strings, timestamps as epoch seconds; errors as HTTP
 * 400 (500 for internal ones) with {@code {"__type": …, "message": …}} and an {@code x-amzn-RequestId}. It accepts any
 * SigV4 signature (any access key and secret) and refuses unsigned requests. It stands in for whichever Region signs
 * a request, and, as EventBridge, refuses one that names a bus or rule by an ARN of another Region
 * ({@code ValidationException} "Cross-region api call is not allowed."). The operations of
 * {@link EventBridgeOperation} are answered with the bus's semantics, quotas and AWS's messages (see
 * {@link InMemoryEventBridge}); any other operation gets {@code UnknownOperationException}. A malformed request gets a
 * 4xx answer naming what was wrong ({@code SerializationException} with the member's JSON pointer for a wrong type,
 * {@code ValidationException} for a missing member, 413 for a body over {@link Builder#maxRequestBytes(int)}); the
 * server keeps serving. Deliveries go to the bridge's handlers and {@link InMemoryEventBridge#deliveryLog()}.
 *
 * <p>For tests of code that calls EventBridge, {@link #requests()} counts and lists the requests per operation and
 * {@link #faults()} injects throttling, failures, partial failures and latency.
 *
 * <p>Security: it listens on 127.0.0.1 unless told otherwise with {@link Builder#allowNonLoopbackAddress()}, because it
 * accepts any credentials; bodies are limited to {@link Builder#maxRequestBytes(int)} (4 MiB by default), requests
 * are answered by {@link Builder#workerThreads(int)} threads (8 by default) with a bounded queue, and nothing it logs
 * holds a payload or a credential ({@link System.Logger}, requests at {@code DEBUG}).
 *
 * <p>Instances are thread-safe. Close the endpoint when done: its HTTP dispatcher thread keeps a JVM alive.
 */
public final class LocalEventBridge implements AutoCloseable {

    /** The default limit on a request body, in bytes: {@value} (4 MiB). */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    /** The default number of worker threads: {@value}. */
    public static final int DEFAULT_WORKER_THREADS = 8;

    /** The default number of requests {@link #requests()} keeps records of: {@value}. */
    public static final int DEFAULT_REQUEST_LOG_CAPACITY = 10_000;

    /** Requests waiting for a worker beyond which connections are closed unanswered: {@value}. */
    static final int MAX_QUEUED_REQUESTS = 1024;

    private static final System.Logger LOGGER = System.getLogger(LocalEventBridge.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /**
     * The JDK server's switch for TCP_NODELAY on accepted connections. The JDK reads it once, in a static initializer
     * that runs when the JVM's first {@code com.sun.net.httpserver} server is created; set later, it changes nothing
     * for the rest of the JVM's life, and no API sets the option on a server's connections.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        preferTcpNoDelay();
    }

    /**
     * Sets {@value #NODELAY_PROPERTY} to {@code true} unless the application chose a value. Measured on JDK 17: without
     * TCP_NODELAY the JDK server's answer leaves in two segments, and Nagle's algorithm against the client's delayed
     * ACK adds ~40 ms to every SDK call (47 ms per call, 3 ms with it). It only makes the JDK's HTTP servers answer
     * sooner. Called as early as the testkit can: when a JUnit Platform session opens
     * ({@link LocalEventBridgeSessionListener}), when {@link CoherenceEventsExtension} is loaded, and when this class
     * is.
     */
    static void preferTcpNoDelay() {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private final InMemoryEventBridge bridge;
    private final boolean ownsBridge;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final URI endpoint;
    private final RequestLog requests;
    private final EndpointFaults faults;
    private final EndpointHandler handler;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The workers started, so that close() can wait for each to end: a pool's termination precedes its threads'. */
    private final ConcurrentLinkedQueue<Thread> workerThreads = new ConcurrentLinkedQueue<>();

    private LocalEventBridge(Builder builder, InetAddress address) {
        this.ownsBridge = builder.bridge == null;
        this.bridge = ownsBridge ? InMemoryEventBridge.create() : builder.bridge;
        this.requests = new RequestLog(builder.requestLogCapacity);
        this.faults = new EndpointFaults();
        this.handler = new EndpointHandler(new AwsJsonProtocol(bridge, faults), faults, requests,
                builder.maxRequestBytes);
        try {
            this.server = HttpServer.create(new InetSocketAddress(address, builder.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The local EventBridge endpoint cannot listen on "
                    + address.getHostAddress() + ":" + builder.port + " (" + e.getMessage() + "); choose a free port, "
                    + "or port 0 for any free one.", e);
        }
        int instance = INSTANCES.incrementAndGet();
        this.workers = new ThreadPoolExecutor(builder.workerThreads, builder.workerThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS), daemonThreads("local-eventbridge-" + instance + "-",
                workerThreads));
        workers.allowCoreThreadTimeOut(true);
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
        int port = server.getAddress().getPort();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        try {
            this.endpoint = new URI("http", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            close();
            throw new IllegalStateException("no URI for " + host + ":" + port, e);
        }
        LOGGER.log(System.Logger.Level.DEBUG, () -> "local EventBridge endpoint listening on " + endpoint);
    }

    /**
     * Starts an endpoint on 127.0.0.1 on a free port, with a new {@link InMemoryEventBridge}.
     *
     * @return the running endpoint, never {@code null}
     * @throws UncheckedIOException if the server cannot listen
     */
    public static LocalEventBridge start() {
        return builder().start();
    }

    /**
     * Starts an endpoint on 127.0.0.1 on a free port, serving a bridge the caller built (with handlers bound, a
     * clock, a seed). Closing the endpoint leaves the bridge open.
     *
     * @param bridge the bridge to serve; must not be {@code null}
     * @return the running endpoint, never {@code null}
     * @throws IllegalArgumentException if {@code bridge} is {@code null}
     * @throws UncheckedIOException if the server cannot listen
     */
    public static LocalEventBridge start(InMemoryEventBridge bridge) {
        if (bridge == null) {
            throw new IllegalArgumentException("bridge must not be null; call start() for a new one");
        }
        return builder().bridge(bridge).start();
    }

    /**
     * Starts configuring an endpoint.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the URI to give clients: {@code http://127.0.0.1:PORT}, for {@code endpointOverride(…)} or
     * {@code aws --endpoint-url …}.
     *
     * @return the endpoint, never {@code null}
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Returns the port the endpoint listens on (the one chosen by the system when the builder asked for port 0).
     *
     * @return the port
     */
    public int port() {
        return endpoint.getPort();
    }

    /**
     * Returns the bridge behind the endpoint: bind handlers to target ARNs, read the delivery log, move the clock.
     *
     * @return the bridge, never {@code null}
     */
    public InMemoryEventBridge bridge() {
        return bridge;
    }

    /**
     * Returns the log of the requests answered, with per-operation counts.
     *
     * @return the log, the same instance for the endpoint's lifetime; never {@code null}
     */
    public RequestLog requests() {
        return requests;
    }

    /**
     * Returns the faults to inject into answers.
     *
     * @return the faults, the same instance for the endpoint's lifetime; never {@code null}
     */
    public EndpointFaults faults() {
        return faults;
    }

    /**
     * Returns the exceptions answered with HTTP 500 {@code InternalException}: those the endpoint did not expect, such
     * as an {@link Error} (a failed assertion) thrown by a handler bound to the bridge. A test can assert this is
     * empty; the last 100 are kept.
     *
     * @return an unmodifiable snapshot, oldest first, possibly empty, never {@code null}
     */
    public List<Throwable> internalErrors() {
        return handler.internalErrors();
    }

    /**
     * Returns whether the endpoint still answers requests.
     *
     * @return {@code false} once {@link #close()} was called
     */
    public boolean isRunning() {
        return !closed.get();
    }

    /**
     * Stops the endpoint: it stops accepting connections, lets requests being answered finish for up to a second,
     * then closes every connection and stops its threads. If the endpoint created its bridge, the bridge is closed
     * too. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // JDK 17's HttpServer.stop(n) always waits n seconds; wait only for requests being answered.
            handler.awaitIdle(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(2, TimeUnit.SECONDS);
            }
            for (Thread worker : workerThreads) {
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (ownsBridge) {
            bridge.close();
        }
        LOGGER.log(System.Logger.Level.DEBUG, () -> "local EventBridge endpoint " + endpoint + " stopped");
    }

    @Override
    public String toString() {
        return "LocalEventBridge[" + endpoint + (closed.get() ? ", closed" : "") + ", " + requests + "]";
    }

    private static ThreadFactory daemonThreads(String prefix, ConcurrentLinkedQueue<Thread> started) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            // A test that forgets close() must not keep its JVM alive through the workers.
            thread.setDaemon(true);
            // Workers idle for 30 s end and are replaced: forget ended ones so the list stays as small as the pool.
            started.removeIf(worker -> worker.getState() == Thread.State.TERMINATED);
            started.add(thread);
            return thread;
        };
    }

    /**
     * Configures a {@link LocalEventBridge}. Not thread-safe: use one builder per thread.
     */
    public static final class Builder {
        private InMemoryEventBridge bridge;
        private int port;
        private InetAddress address;
        private boolean allowNonLoopback;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private int requestLogCapacity = DEFAULT_REQUEST_LOG_CAPACITY;

        private Builder() {
        }

        /**
         * Serves this bridge instead of a new one; closing the endpoint leaves it open.
         *
         * @param bridge the bridge; {@code null} for a new one
         * @return this builder
         */
        public Builder bridge(InMemoryEventBridge bridge) {
            this.bridge = bridge;
            return this;
        }

        /**
         * Sets the port to listen on.
         *
         * @param port 1 to 65535, or 0 (the default) for any free port
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 0 (any free port) to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the address to listen on; 127.0.0.1 by default. An address that is not a loopback address also needs
         * {@link #allowNonLoopbackAddress()}.
         *
         * @param address the address; {@code null} for 127.0.0.1
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.address = address;
            return this;
        }

        /**
         * Allows {@link #bindAddress(InetAddress)} to be an address other machines can reach. The endpoint accepts
         * any credentials and answers with everything the bridge holds: expose it only on a network you trust, such
         * as a container's own.
         *
         * @return this builder
         */
        public Builder allowNonLoopbackAddress() {
            this.allowNonLoopback = true;
            return this;
        }

        /**
         * Sets the largest request body the endpoint reads; a larger one is answered with HTTP 413, as EventBridge
         * answers requests over its limit, and its connection is closed. The default, 4 MiB, is above anything
         * EventBridge accepts (a PutEvents request's entries total at most 256 KB; 10 targets of the largest size
         * fit) and bounds what each worker holds.
         *
         * @param maxRequestBytes 1,024 to 64 MiB
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRequestBytes} is out of range
         */
        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 1024 || maxRequestBytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be from 1024 to 67108864 but was "
                        + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * Sets how many requests are answered at once; further requests wait in a queue of
         * {@value #MAX_QUEUED_REQUESTS}, beyond which their connections are closed unanswered.
         *
         * @param workerThreads 1 to 256
         * @return this builder
         * @throws IllegalArgumentException if {@code workerThreads} is out of range
         */
        public Builder workerThreads(int workerThreads) {
            if (workerThreads < 1 || workerThreads > 256) {
                throw new IllegalArgumentException("workerThreads must be from 1 to 256 but was " + workerThreads);
            }
            this.workerThreads = workerThreads;
            return this;
        }

        /**
         * Sets how many of the most recent requests {@link LocalEventBridge#requests()} keeps records of (its counts
         * are exact regardless).
         *
         * @param capacity at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is less than 1
         */
        public Builder requestLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("requestLogCapacity must be at least 1 but was " + capacity);
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /**
         * Starts the endpoint.
         *
         * @return the running endpoint, never {@code null}
         * @throws IllegalStateException if the bind address is not a loopback address and
         *     {@link #allowNonLoopbackAddress()} was not called
         * @throws UncheckedIOException if the server cannot listen, for example because the port is in use
         */
        public LocalEventBridge start() {
            InetAddress bindTo = address == null ? loopback() : address;
            if (!bindTo.isLoopbackAddress() && !allowNonLoopback) {
                throw new IllegalStateException("The local EventBridge endpoint accepts any credentials, so it "
                        + "listens only on loopback addresses; " + bindTo.getHostAddress() + " is not one. Call "
                        + "allowNonLoopbackAddress() to listen there anyway, on a network you trust.");
            }
            return new LocalEventBridge(this, bindTo);
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("127.0.0.1 is not an address", e);
            }
        }
    }
}
