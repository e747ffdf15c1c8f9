package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoherenceJacksonModuleTest {

    private final ObjectMapper mapper = JsonMapper.builder().addModule(CoherenceEvents.jacksonModule()).build();

    @Test
    void readsAnEventAsTheSealedInterface() throws IOException {
        CoherenceEvent event = mapper.readValue(Samples.VALID_ENVIRONMENTS, CoherenceEvent.class);

        assertEquals(CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS), event);
    }

    @Test
    void readsAnEventAsItsRecordType() throws IOException {
        NewEnvironmentsEvent event = mapper.readValue(Samples.NEW_ENVIRONMENTS, NewEnvironmentsEvent.class);

        assertEquals(CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS), event);
    }

    @Test
    void writesTheWireFormOfCoherenceEvents() throws IOException {
        CoherenceEvent event = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

        assertEquals(Samples.tree(Samples.NEW_ENVIRONMENTS), Samples.tree(mapper.writeValueAsString(event)));
    }

    @Test
    void readsEventsNestedInTheUsersOwnTypes() throws IOException {
        String json = "{\"events\": [" + Samples.NEW_ENVIRONMENTS + "," + Samples.VALID_ENVIRONMENTS + "]}";

        Map<String, List<CoherenceEvent>> wrapper = mapper.readValue(json,
                new TypeReference<Map<String, List<CoherenceEvent>>>() {
                });

        assertEquals(List.of(CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS),
                CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS)), wrapper.get("events"));
    }

    @Test
    void readsAndWritesAnEnvironment() throws IOException {
        String json = "{\"cloudfront_id\":\"E1\",\"environment_name\":\"main\",\"application_name\":\"app\"}";

        Environment environment = mapper.readValue(json, Environment.class);

        assertEquals(new Environment("E1", "main", "app"), environment);
        assertEquals(json, mapper.writeValueAsString(environment));
    }

    @Test
    void reportsAnInvalidEventAsAMappingExceptionCausedByCoherenceEventException() {
        String json = Samples.NEW_ENVIRONMENTS.replace("\"Coherence\"", "\"aws.ec2\"");

        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue(json, CoherenceEvent.class));

        CoherenceEventException cause = assertInstanceOf(CoherenceEventException.class, e.getCause());
        assertEquals("/source", cause.pointer());
    }

    @Test
    void refusesAnEventOfAnotherTypeThanRequested() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue(Samples.VALID_ENVIRONMENTS, NewEnvironmentsEvent.class));

        assertInstanceOf(CoherenceEventException.class, e.getCause());
    }
    /** A caller's mapper may allow deeper nesting than EventBridge: the module still stops at 1,000 levels. */
    @Test
    void stopsAtEventBridgesNestingLimitWhateverTheCallersMapperAllows() {
        ObjectMapper deepMapper = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                        .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                                .maxNestingDepth(100_000).build())
                        .build())
                .addModule(CoherenceEvents.jacksonModule()).build();
        String deep = Samples.NEW_ENVIRONMENTS.replace("\"account\"",
                "\"deep\": " + "[".repeat(1_500) + "]".repeat(1_500) + ", \"account\"");
        String deepEnough = Samples.NEW_ENVIRONMENTS.replace("\"account\"",
                "\"deep\": " + "[".repeat(998) + "]".repeat(998) + ", \"account\"");

        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> deepMapper.readValue(deep, CoherenceEvent.class));
        CoherenceEventException cause = assertInstanceOf(CoherenceEventException.class, e.getCause());
        CoherenceEventException fromText = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(deep));
        assertEquals(fromText.pointer(), cause.pointer(), "the same level as the parser's own limit");
        assertEquals(1_000, cause.pointer().split("/").length - 1);
        assertInstanceOf(NewEnvironmentsEvent.class, assertDoesNotThrowReading(deepMapper, deepEnough));
    }

    private static CoherenceEvent assertDoesNotThrowReading(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, CoherenceEvent.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
