package com.withcoherence.events.client;

import java.net.URI;
import java.util.List;

/**
 * An EventBridge endpoint the integration tests run the real SDK against over HTTP, and what it delivered. The
 * tests read the bus's state through the EventBridge API itself, so that they hold for any faithful endpoint.
 */
interface Backend extends AutoCloseable {

    /** The endpoint's base URI. */
    URI endpoint();

    /** Starts from nothing: the Coherence bus {@link Fixtures#BUS} exists, with no rules. */
    void reset() throws Exception;

    /** Whether {@link #deliveredTo(String)} can see what is delivered to this target. */
    boolean observes(String targetArn);

    /** The payloads (whole events, as JSON) delivered to a target since the last reset, in order. */
    List<String> deliveredTo(String targetArn) throws Exception;

    /** What the tests call the endpoint. */
    String name();

    @Override
    void close();
}
