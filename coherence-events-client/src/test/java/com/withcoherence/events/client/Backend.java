package com.withcoherence.events.client;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * An EventBridge endpoint the integration tests run the real SDK against over HTTP: where the client under test
 * sends its requests (counted, with faults injected as AWS produces them), where the tests read the bus's state
 * without being counted, and what it delivered. The tests read the bus's state through the EventBridge API itself,
 * so that they hold for any faithful endpoint.
 */
interface Backend extends AutoCloseable {

    /** The operations that change buses, rules, targets or tags (PutEvents sends events and is not one). */
    Set<String> WRITES = Set.of("CreateEventBus", "DeleteEventBus", "PutRule", "EnableRule", "DisableRule",
            "DeleteRule", "PutTargets", "RemoveTargets", "TagResource", "UntagResource");

    /** Where the client under test sends its requests: they are counted and faults are injected there. */
    URI endpoint();

    /** Where the tests read and set up the bus's state without being counted. */
    URI uncounted();

    /** Starts from nothing: the Coherence bus {@link Fixtures#BUS} exists, with no rules; nothing counted. */
    void reset() throws Exception;

    /** Whether {@link #deliveredTo(String)} can see what is delivered to this target. */
    boolean observes(String targetArn);

    /** The payloads (whole events, as JSON) delivered to a target since the last reset, in order. */
    List<String> deliveredTo(String targetArn) throws Exception;

    /** The operations {@link #endpoint()} received since the last {@link #clearRequests()}, in order. */
    List<String> operations();

    /** The operations received that {@linkplain #WRITES write}, in order. */
    default List<String> writes() {
        return operations().stream().filter(WRITES::contains).toList();
    }

    /** Forgets the operations received so far. */
    void clearRequests();

    /** The next {@code calls} calls of {@code operation} are answered HTTP 400 ThrottlingException. */
    void throttle(String operation, int calls);

    /**
     * The next {@code calls} calls of {@code operation} (PutEvents or PutTargets) fail the entries at these positions
     * with {@code errorCode} in an HTTP 200 answer, and do not apply them; replaces an entry failure set before.
     */
    void failEntries(String operation, String errorCode, int calls, int... indexes);

    /** What the tests call the endpoint. */
    String name();

    @Override
    void close();
}
