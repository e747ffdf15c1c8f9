package com.withcoherence.events.testkit;

import com.withcoherence.events.model.CoherenceBus;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test a fresh {@link InMemoryEventBridge}, seeded {@link CoherenceFixtures},
 * the documented application's {@link CoherenceBus}, already created on the bridge, and, when asked for, a
 * {@link LocalEventBridge} serving that bridge over HTTP for code that calls EventBridge through the AWS SDK.
 *
 * <pre>{@code
 * @ExtendWith(CoherenceEventsExtension.class)
 * class ProvisionerTest {
 *     @Test
 *     void provisionsEachNewEnvironment(InMemoryEventBridge bridge, CoherenceBus bus, CoherenceFixtures fixtures) {
 *         bridge.putRule(RuleDefinition.of("new", bus.name(), "{\"detail-type\": [\"new_environments\"]}"));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>A test of code that uses the AWS SDK asks for the endpoint; the endpoint and the bridge are the same bus:
 *
 * <pre>{@code
 * @Test
 * void subscribesOnce(LocalEventBridge endpoint, CoherenceBus bus) {
 *     EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint.endpoint())...build();
 *     ...
 *     assertEquals(0, endpoint.requests().writeCount());
 * }
 * }</pre>
 *
 * <p>Every test method (and every constructor or lifecycle method that asks) gets objects of its own; within one
 * test, all parameters share one bridge. The fixtures' seed is derived from the test's unique id, so a test gets the
 * same events on every run, and it is published as the report entry {@value #SEED_REPORT_KEY}. The endpoint is
 * started only for a test that asks for it, on 127.0.0.1 and a free port. The endpoint and the bridge are closed when
 * the test's scope ends.
 *
 * <p>It uses only JUnit's stable {@code ParameterResolver} API. The testkit declares {@code junit-jupiter-api} as a
 * provided dependency: a project using this extension already has JUnit, and one that does not never loads this
 * class.
 *
 * <p>Instances are stateless and thread-safe; the state of each test lives in its own extension-context store, so
 * tests may run in parallel.
 */
public final class CoherenceEventsExtension implements ParameterResolver {

    /** The report entry key under which the fixtures' seed is published: {@value}. */
    public static final String SEED_REPORT_KEY = "coherence-events.fixtures.seed";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CoherenceEventsExtension.class);

    static {
        // Before the test class's own set-up can start another JDK HTTP server, which would fix TCP_NODELAY off for
        // the JVM and cost every call to the endpoint ~40 ms (see LocalEventBridge.preferTcpNoDelay).
        LocalEventBridge.preferTcpNoDelay();
    }

    /** Creates the extension; JUnit does this for {@code @ExtendWith(CoherenceEventsExtension.class)}. */
    public CoherenceEventsExtension() {
    }

    /**
     * Returns whether the parameter is one this extension provides: {@link InMemoryEventBridge},
     * {@link LocalEventBridge}, {@link CoherenceFixtures} or {@link CoherenceBus}.
     *
     * @param parameterContext the parameter; never {@code null}
     * @param extensionContext the test's context; never {@code null}
     * @return {@code true} for the four types above
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == InMemoryEventBridge.class || type == LocalEventBridge.class || type == CoherenceFixtures.class
                || type == CoherenceBus.class;
    }

    /**
     * Returns the test's bridge, endpoint, fixtures or bus, creating them on first request.
     *
     * @param parameterContext the parameter; never {@code null}
     * @param extensionContext the test's context; never {@code null}
     * @return the object, never {@code null}
     * @throws ParameterResolutionException if the parameter is of another type
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        if (type == InMemoryEventBridge.class) {
            return resources(store).bridge;
        }
        if (type == CoherenceBus.class) {
            return resources(store).bus;
        }
        if (type == LocalEventBridge.class) {
            return resources(store).endpoint();
        }
        if (type == CoherenceFixtures.class) {
            return store.getOrComputeIfAbsent(CoherenceFixtures.class, key -> {
                long seed = seedFor(extensionContext.getUniqueId());
                extensionContext.publishReportEntry(SEED_REPORT_KEY, Long.toString(seed));
                return CoherenceFixtures.seeded(seed);
            }, CoherenceFixtures.class);
        }
        throw new ParameterResolutionException("CoherenceEventsExtension cannot provide a " + type.getName()
                + "; it provides InMemoryEventBridge, LocalEventBridge, CoherenceFixtures and CoherenceBus.");
    }

    private static TestResources resources(ExtensionContext.Store store) {
        return store.getOrComputeIfAbsent(TestResources.class, key -> new TestResources(), TestResources.class);
    }

    /** A stable seed for a test: the same unique id gives the same events on every run. */
    static long seedFor(String uniqueId) {
        long hash = 1125899906842597L;
        for (int i = 0; i < uniqueId.length(); i++) {
            hash = 31 * hash + uniqueId.charAt(i);
        }
        return EventIds.mix(hash);
    }

    /** One test's bridge, bus and endpoint; JUnit closes it when the test's store is closed. */
    private static final class TestResources implements AutoCloseable {
        final InMemoryEventBridge bridge = InMemoryEventBridge.create();
        final CoherenceBus bus = CoherenceFixtures.documentedBus();
        private LocalEventBridge endpoint;

        TestResources() {
            bridge.createEventBus(bus.name());
        }

        synchronized LocalEventBridge endpoint() {
            if (endpoint == null) {
                endpoint = LocalEventBridge.start(bridge);
            }
            return endpoint;
        }

        @Override
        public synchronized void close() {
            if (endpoint != null) {
                endpoint.close();
            }
            bridge.close();
        }
    }
}
