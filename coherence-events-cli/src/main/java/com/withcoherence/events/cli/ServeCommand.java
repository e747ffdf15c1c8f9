package com.withcoherence.events.cli;

import com.withcoherence.events.testkit.DeliveryLog;
import com.withcoherence.events.testkit.EventBridgeServiceException;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the loopback EventBridge endpoint until interrupted, printing deliveries as JSON lines. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs a loopback EventBridge endpoint (AWS JSON 1.1, the real AWS SDK and AWS CLI talk to "
                + "it) until interrupted. Prints 'listening on http://127.0.0.1:PORT' first, then one JSON line per "
                + "delivery to a target: bus, rule, target and the input as delivered.",
                "Exit code 0 when stopped, 2 when the port is in use."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    /** Deliveries the endpoint keeps for Java readers; the CLI prints them as they happen, so few are enough. */
    private static final int DELIVERY_LOG_CAPACITY = 1000;

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

    private final Main.Io io;

    ServeCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        InMemoryEventBridge bridge = InMemoryEventBridge.builder().deliveryLogCapacity(DELIVERY_LOG_CAPACITY).build();
        for (String bus : buses) {
            try {
                bridge.createEventBus(bus);
            } catch (EventBridgeServiceException e) {
                throw new CliException(ExitCode.USAGE, "cannot create the bus " + bus + ": " + e.getMessage(), e);
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        try (LocalEventBridge endpoint = start(bridge)) {
            DeliveryLog.Subscription printing = bridge.deliveryLog().subscribe(attempt -> {
                synchronized (io.out()) {
                    io.out().println(attempt.toJson());
                }
                if (exitAfterDeliveries != null && deliveries.incrementAndGet() >= exitAfterDeliveries) {
                    stop.countDown();
                }
            });
            io.out().println("listening on " + endpoint.endpoint());
            io.err().println("coherence-events: point the AWS SDK or CLI at it with --endpoint-url "
                    + endpoint.endpoint() + " (any credentials); Ctrl-C stops it.");
            Thread hook = new Thread(stop::countDown, "coherence-events-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (seconds != null) {
                    stop.await(seconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            } finally {
                printing.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already stopping because of Ctrl-C: nothing to remove.
                }
            }
        }
        io.err().println("coherence-events: stopped after " + deliveries.get() + " deliveries");
        return ExitCode.OK;
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
