package com.withcoherence.events.cli;

import com.withcoherence.events.testkit.InMemoryEventBridge;
import com.withcoherence.events.testkit.LocalEventBridge;

/** A loopback EventBridge for the CLI's AWS commands to call with --endpoint-url, and the bus they use. */
final class LoopbackEndpoint implements AutoCloseable {

    static final String BUS = "12309ijsdf-your-app-name-coherence-events";

    final InMemoryEventBridge bridge = InMemoryEventBridge.builder().account("123456789012").build();
    final LocalEventBridge endpoint = LocalEventBridge.start(bridge);

    LoopbackEndpoint() {
        bridge.createEventBus(BUS);
    }

    String url() {
        return endpoint.endpoint().toString();
    }

    @Override
    public void close() {
        endpoint.close();
        bridge.close();
    }
}
