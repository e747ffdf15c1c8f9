package com.withcoherence.events.cli;

import com.withcoherence.events.testkit.DeliveryLog;
import com.withcoherence.events.testkit.EventBridgeServiceException;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the loopback EventBridge endpoint until interrupted, printing deliveries as JSON lines. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs a loopback EventBridge endpoint (AWS JSON 1.1, the real AWS SDK and AWS CLI talk to "
                + "it) until interrupted. Prints 'listening on http://127.0.0.1:PORT' first, then one JSON line per "
                + "delivery to a target: bus, rule, target and the input as delivered.",
                "Exit code 0 when stopped, 2 when the port is in use."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    /** Deliveries the endpoint keeps for Java readers; the CLI prints them as they happen, so few are enough. */
    private static final int DELIVERY_LOG_CAPACITY = 1000;

    /** How often the bridge's clock catches up with the wall clock: events put without Time lag by at most this. */
    private static final long CLOCK_TICK_MILLIS = 200;

    /** How long Ctrl-C waits for the summary before the JVM ends anyway (closing the endpoint takes up to ~5 s). */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    @Option(names = "--port", paramLabel = "N", defaultValue = "4010",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bus", paramLabel = "NAME",
            description = "Create this event bus at start, e.g. your app's …-coherence-events bus; repeatable.")
    List<String> buses = new ArrayList<>();

    @Option(names = "--for", paramLabel = "SECONDS", hidden = true,
            description = "Stop after SECONDS (for scripts and tests).")
    Long seconds;

    @Option(names = "--exit-after-deliveries", paramLabel = "N", hidden = true,
            description = "Stop after N deliveries (for scripts and tests).")
    Integer exitAfterDeliveries;

    @Spec
    CommandSpec spec;

    private final Main.Io io;

    ServeCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        // A usage error like any other bad option, checked before anything starts (the endpoint's own check came
        // late and read as a bug: "serve failed unexpectedly").
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a TCP port; pass one from 1 "
                    + "to 65535, or 0 for any free port.");
        }
        // The testkit's bridge keeps a simulated clock that stands still for tests; serve runs in real time, so its
        // clock starts now and follows the wall clock (events put without Time get the time they arrive, and retries
        // of failed deliveries fall due).
        try (InMemoryEventBridge bridge = InMemoryEventBridge.builder().deliveryLogCapacity(DELIVERY_LOG_CAPACITY)
                .startTime(Instant.now()).build()) {
            return serve(bridge);
        }
    }

    private int serve(InMemoryEventBridge bridge) throws InterruptedException {
        for (String bus : buses) {
            try {
                bridge.createEventBus(bus);
            } catch (EventBridgeServiceException e) {
                throw new CliException(ExitCode.USAGE, "cannot create the bus " + bus + ": " + e.getMessage(), e);
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "coherence-events-serve-clock");
            thread.setDaemon(true);
            return thread;
        });
        try (LocalEventBridge endpoint = start(bridge)) {
            followTheWallClock(bridge, clock);
            DeliveryLog.Subscription printing = bridge.deliveryLog().subscribe(attempt -> {
                synchronized (io.out()) {
                    io.out().println(attempt.toJson());
                }
                int delivered = deliveries.incrementAndGet();
                if (exitAfterDeliveries != null && delivered >= exitAfterDeliveries) {
                    stop.countDown();
                }
            });
            io.out().println("listening on " + endpoint.endpoint());
            io.err().println("coherence-events: point the AWS SDK or CLI at it with --endpoint-url "
                    + endpoint.endpoint() + " (any credentials); Ctrl-C stops it (kill " + ProcessHandle.current().pid()
                    + " when it runs in the background).");
            // On Ctrl-C or SIGTERM the JVM ends as soon as its shutdown hooks return: the hook stops the wait below
            // and then waits (boundedly) until the summary is printed.
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "coherence-events-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (seconds != null) {
                    stop.await(seconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
                printing.close();
                clock.shutdownNow();
                io.err().println("coherence-events: stopped after " + deliveries.get() + " deliveries");
                io.err().flush();
                io.out().flush();
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already stopping because of Ctrl-C: nothing to remove.
                }
            }
        } finally {
            clock.shutdownNow();
        }
        return ExitCode.OK;
    }

    /** Advances the bridge's clock by the time that really passed, every {@link #CLOCK_TICK_MILLIS} ms. */
    private void followTheWallClock(InMemoryEventBridge bridge, ScheduledExecutorService clock) {
        long[] last = {System.nanoTime()};
        clock.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long elapsed = now - last[0];
            last[0] = now;
            try {
                // Deliveries that fall due (retries, delays) run here, on this thread.
                bridge.advanceClock(Duration.ofNanos(elapsed));
            } catch (RuntimeException e) {
                // An exception would cancel the task and freeze the clock again; report it and keep going.
                io.err().println("coherence-events: advancing the clock failed: " + e);
            }
        }, CLOCK_TICK_MILLIS, CLOCK_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private LocalEventBridge start(InMemoryEventBridge bridge) {
        try {
            return LocalEventBridge.builder().bridge(bridge).port(port).start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new CliException(ExitCode.USAGE, "port " + port + " is in use; pass --port with another port, "
                        + "or --port 0 for any free one.", e);
            }
            throw new CliException(ExitCode.USAGE, "cannot start the endpoint: " + e.getMessage(), e);
        }
    }
}
