package com.withcoherence.events.client;

import com.withcoherence.events.testkit.EndpointFaults;
import com.withcoherence.events.testkit.EntryFailure;
import com.withcoherence.events.testkit.EventBridgeOperation;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;
import com.withcoherence.events.testkit.PutEventsEntry;
import com.withcoherence.events.testkit.RecordedRequest;
import com.withcoherence.events.testkit.Target;
import java.net.URI;
import java.util.List;

/**
 * The testkit's loopback EventBridge ({@link LocalEventBridge}, AWS JSON 1.1 over the in-memory bus, which follows
 * AWS-recorded behaviour): it runs in every build with only a JDK. The client talks to one endpoint, whose
 * {@link LocalEventBridge#requests() request log} counts its calls and whose {@link LocalEventBridge#faults() faults}
 * inject throttling and partial failures; the tests read the bus through a second endpoint on the same bus, which
 * counts nothing the assertions look at. Every ARN is a target whose deliveries the bus's delivery log records.
 */
final class LocalBackend implements Backend {

    private final InMemoryEventBridge bridge;
    private final LocalEventBridge counted;
    private final LocalEventBridge uncounted;

    LocalBackend() {
        this(Fixtures.ACCOUNT);
    }

    /** A backend playing the given account (its buses' ARNs name it). */
    LocalBackend(String account) {
        bridge = InMemoryEventBridge.builder().account(account).region(Fixtures.REGION).build();
        counted = LocalEventBridge.start(bridge);
        uncounted = LocalEventBridge.start(bridge);
    }

    /** The endpoint the client talks to. */
    LocalEventBridge local() {
        return counted;
    }

    /** The bus behind both endpoints. */
    InMemoryEventBridge bridge() {
        return bridge;
    }

    @Override
    public URI endpoint() {
        return counted.endpoint();
    }

    @Override
    public URI uncounted() {
        return uncounted.endpoint();
    }

    @Override
    public String name() {
        return "LocalEventBridge";
    }

    @Override
    public void reset() {
        // A new backend per test: only the bus is missing.
        bridge.createEventBus(Fixtures.BUS);
        clearRequests();
    }

    @Override
    public boolean observes(String targetArn) {
        return true;
    }

    @Override
    public List<String> deliveredTo(String targetArn) {
        return bridge.deliveryLog().payloadsTo(targetArn);
    }

    @Override
    public List<String> operations() {
        return counted.requests().records().stream().map(RecordedRequest::operation).toList();
    }

    @Override
    public void clearRequests() {
        counted.requests().clear();
    }

    @Override
    public void throttle(String operation, int calls) {
        counted.faults().throttle(operation(operation), calls);
    }

    @Override
    public void failEntries(String operation, String errorCode, int calls, int... indexes) {
        EndpointFaults faults = counted.faults();
        switch (operation(operation)) {
            case PUT_EVENTS -> faults.failPutEventsEntries(EntryFailure.<PutEventsEntry>atIndexes(indexes)
                    .withErrorCode(errorCode).times(calls));
            case PUT_TARGETS -> faults.failPutTargetsEntries(EntryFailure.<Target>atIndexes(indexes)
                    .withErrorCode(errorCode).times(calls));
            default -> throw new IllegalArgumentException("the endpoint fails entries of PutEvents and PutTargets "
                    + "only, not of " + operation);
        }
    }

    private static EventBridgeOperation operation(String name) {
        return EventBridgeOperation.fromAwsName(name).orElseThrow(() -> new IllegalArgumentException(
                "not an EventBridge operation: " + name));
    }

    @Override
    public void close() {
        counted.close();
        uncounted.close();
        bridge.close();
    }
}
