package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The Jackson module of {@link CoherenceEvents#jacksonModule()}: binds the event records and {@link Environment} in
 * the user's own {@code ObjectMapper} with exactly the rules and wire form of {@link CoherenceEvents}.
 */
final class CoherenceJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    CoherenceJacksonModule() {
        super("coherence-events", Version.unknownVersion());
        addDeserializer(CoherenceEvent.class, new EventDeserializer<>(CoherenceEvent.class));
        addDeserializer(NewEnvironmentsEvent.class, new EventDeserializer<>(NewEnvironmentsEvent.class));
        addDeserializer(ValidEnvironmentsEvent.class, new EventDeserializer<>(ValidEnvironmentsEvent.class));
        addDeserializer(UnknownCoherenceEvent.class, new EventDeserializer<>(UnknownCoherenceEvent.class));
        addDeserializer(Environment.class, new EnvironmentDeserializer());
        addSerializer(CoherenceEvent.class, new EventSerializer());
        addSerializer(Environment.class, new EnvironmentSerializer());
    }

    private static JsonMappingException mappingException(JsonParser p, CoherenceEventException e) {
        return JsonMappingException.from(p, e.getMessage(), e);
    }

    private static final class EventDeserializer<T extends CoherenceEvent> extends StdDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final Class<T> type;

        EventDeserializer(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            try {
                CoherenceEvent event;
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    event = EventReader.readEvent(p, "");
                } else if (p.currentToken() == JsonToken.FIELD_NAME) {
                    // Jackson replays buffered objects from their first field name: read what is left as a tree.
                    JsonNode tree = context.readTree(p);
                    event = Databind.parse(tree);
                } else {
                    throw new CoherenceEventException(EventReader.valuePointer(p, ""), "expected an EventBridge "
                            + "event object but found " + EventReader.describe(p) + ".");
                }
                if (!type.isInstance(event)) {
                    throw new CoherenceEventException(EventReader.valuePointer(p, ""), "expected a "
                            + type.getSimpleName() + " but the detail-type is \"" + event.detailType()
                            + "\"; bind to CoherenceEvent to accept every Coherence event.");
                }
                return type.cast(event);
            } catch (CoherenceEventException e) {
                throw mappingException(p, e);
            }
        }
    }

    private static final class EnvironmentDeserializer extends StdDeserializer<Environment> {

        private static final long serialVersionUID = 1L;

        EnvironmentDeserializer() {
            super(Environment.class);
        }

        @Override
        public Environment deserialize(JsonParser p, DeserializationContext context) throws IOException {
            try {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new CoherenceEventException(EventReader.valuePointer(p, ""), "expected an environment "
                            + "object but found " + EventReader.describe(p) + ".");
                }
                return EventReader.environment(p, "");
            } catch (CoherenceEventException e) {
                throw mappingException(p, e);
            }
        }
    }

    private static final class EventSerializer extends StdSerializer<CoherenceEvent> {

        private static final long serialVersionUID = 1L;

        EventSerializer() {
            super(CoherenceEvent.class);
        }

        @Override
        public void serialize(CoherenceEvent value, JsonGenerator g, SerializerProvider provider) throws IOException {
            EventWriter.write(value, g);
        }
    }

    private static final class EnvironmentSerializer extends StdSerializer<Environment> {

        private static final long serialVersionUID = 1L;

        EnvironmentSerializer() {
            super(Environment.class);
        }

        @Override
        public void serialize(Environment value, JsonGenerator g, SerializerProvider provider) throws IOException {
            EventWriter.write(value, g);
        }
    }
}
