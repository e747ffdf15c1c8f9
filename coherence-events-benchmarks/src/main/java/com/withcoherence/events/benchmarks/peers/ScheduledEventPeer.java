package com.withcoherence.events.benchmarks.peers;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Peer 1: what the Lambda Java runtime does for a {@code RequestHandler<ScheduledEvent, ?>}. The runtime asks
 * {@link LambdaEventSerializers#serializerFor} for the serializer of the handler's event class (aws-lambda-java-events'
 * {@link ScheduledEvent}, with the serialization library's mixins and date modules) and reads the invocation
 * payload stream with it; the handler then finds its environments in the untyped {@code detail} map and checks
 * them, as a careful user must.
 *
 * <p>Thread-safe: the serializer is shared, as the runtime shares it between invocations.
 */
public final class ScheduledEventPeer {

    private static final PojoSerializer<ScheduledEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(ScheduledEvent.class, ScheduledEventPeer.class.getClassLoader());

    private ScheduledEventPeer() {
    }

    /**
     * What the handler has after the runtime's deserialization and its own extraction of the environments.
     *
     * @param event the runtime's event object
     * @param environments the environments, taken from {@code event.getDetail()} and checked
     */
    public record Result(ScheduledEvent event, List<PeerEnvironment> environments) {

        /**
         * Converts to the common result type, so tests can compare the approaches.
         *
         * @return the same event as a {@link PeerEvent}
         */
        public PeerEvent toPeerEvent() {
            return new PeerEvent(event.getVersion(), event.getId(), event.getDetailType(), event.getSource(),
                    event.getAccount(), event.getTime() == null ? null
                            : Instant.ofEpochMilli(event.getTime().getMillis()),
                    event.getRegion(), event.getResources(), environments);
        }
    }

    /**
     * Deserializes the payload as the runtime does, then extracts and checks the environments.
     *
     * @param json the invocation payload
     * @return the event and its environments
     * @throws IllegalArgumentException if it is not a valid Coherence event
     */
    public static Result parse(InputStream json) {
        ScheduledEvent event = SERIALIZER.fromJson(json);
        if (!"Coherence".equals(event.getSource())) {
            throw new IllegalArgumentException("source must be \"Coherence\" but was " + event.getSource());
        }
        Peers.nonEmpty(event.getId(), "id");
        if (event.getTime() == null) {
            throw new IllegalArgumentException("\"time\" is required");
        }
        String listName = Peers.listName(event.getDetailType());
        Map<String, Object> detail = event.getDetail();
        if (detail == null) {
            throw new IllegalArgumentException("\"detail\" is required");
        }
        Object list = detail.get(listName);
        if (!(list instanceof List)) {
            throw new IllegalArgumentException("\"detail/" + listName + "\" must be an array");
        }
        List<?> items = (List<?>) list;
        List<PeerEnvironment> environments = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map)) {
                throw new IllegalArgumentException("an environment must be an object");
            }
            Map<?, ?> environment = (Map<?, ?>) item;
            environments.add(new PeerEnvironment(string(environment, "cloudfront_id"),
                    string(environment, "environment_name"), string(environment, "application_name")));
        }
        return new Result(event, environments);
    }

    private static String string(Map<?, ?> object, String name) {
        Object value = object.get(name);
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string");
        }
        return (String) value;
    }
}
