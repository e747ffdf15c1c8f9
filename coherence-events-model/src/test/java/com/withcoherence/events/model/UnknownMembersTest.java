package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Members the library does not read are kept, as compact JSON, at every level of an event, through every entry point,
 * and written back: nothing an event carries is lost by reading it.
 */
class UnknownMembersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The documented event with a member the library does not read at each of its three levels. */
    private static ObjectNode withUnknownMembers() {
        ObjectNode tree = Samples.newEnvironmentsTree();
        tree.put("replay-name", "nightly");
        ObjectNode detail = (ObjectNode) tree.get("detail");
        detail.putObject("run").put("id", 42).put("ratio", 0.10000000000000000000000001);
        ((ObjectNode) detail.get("new_environments").get(0)).putArray("urls").add("https://a.example").addNull();
        return tree;
    }

    @Test
    void keepsEveryValueAsCompactJsonInTheOrderGiven() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("b", " { \"x\" : [ 1 , 2.50 , -7 , 1e5 ] } ");
        given.put("a", "\"text\"");
        given.put("n", "null");

        UnknownMembers members = new UnknownMembers(given);

        assertEquals(List.of("b", "a", "n"), List.copyOf(members.json().keySet()));
        assertEquals("{\"x\":[1,2.50,-7,1e5]}", members.json().get("b"), "numbers as written");
        assertEquals(Optional.of("\"text\""), members.json("a"));
        assertEquals(Optional.empty(), members.json("missing"));
        assertFalse(members.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> members.json().put("c", "1"));
    }

    @Test
    void isCopiedFromTheMapItIsGiven() {
        Map<String, String> given = new HashMap<>(Map.of("a", "1"));
        UnknownMembers members = new UnknownMembers(given);

        given.put("b", "2");

        assertEquals(Map.of("a", "1"), members.json());
    }

    @Test
    void equalsAnotherWithTheSameMembersInAnyOrder() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("a", "1");
        first.put("b", "[ true ]");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("b", "[true]");
        second.put("a", "1");

        assertEquals(new UnknownMembers(first), new UnknownMembers(second));
        assertEquals(new UnknownMembers(first).hashCode(), new UnknownMembers(second).hashCode());
        assertSame(UnknownMembers.none(), UnknownMembers.read(null));
        assertEquals(UnknownMembers.none(), new UnknownMembers(Map.of()));
        assertTrue(UnknownMembers.none().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "[1,]", "1 2", "{\"a\":1,\"a\":2}", "nul", "'x'", "{\"a\":1}}"})
    void refusesAValueThatIsNotExactlyOneJsonValueNamingTheMember(String value) {
        CoherenceEventException e = assertThrows(CoherenceEventException.class,
                () -> new UnknownMembers(Map.of("odd/name", value)));

        assertTrue(e.pointer().startsWith("/odd~1name"), e.pointer());
    }

    @Test
    void refusesNullsAndEmptyNamesSayingWhatToPassInstead() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "1");

        assertTrue(assertThrows(CoherenceEventException.class, () -> new UnknownMembers(null)).getMessage()
                .contains("UnknownMembers.none()"));
        assertTrue(assertThrows(CoherenceEventException.class, () -> new UnknownMembers(nullValue)).getMessage()
                .contains("\"null\""));
        assertThrows(CoherenceEventException.class, () -> new UnknownMembers(nullName));
        assertTrue(assertThrows(CoherenceEventException.class, () -> UnknownMembers.none().json(null)).getMessage()
                .contains("name must not be null"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesAMapHoldingSomethingOtherThanStringsWithoutAClassCastException() {
        Map raw = new HashMap();
        raw.put("a", 1);
        Map rawName = new HashMap();
        rawName.put(1, "1");

        CoherenceEventException value = assertThrows(CoherenceEventException.class, () -> new UnknownMembers(raw));
        CoherenceEventException name = assertThrows(CoherenceEventException.class,
                () -> new UnknownMembers(rawName));

        assertEquals("/a", value.pointer());
        assertTrue(value.getMessage().contains("a Integer"), value.getMessage());
        assertTrue(name.getMessage().contains("a Integer"), name.getMessage());
    }

    @Test
    void acceptsTheEmptyNameWhichJsonAllowsAtEveryLevel() {
        ObjectNode tree = Samples.newEnvironmentsTree();
        tree.put("", 1);
        ((ObjectNode) tree.get("detail")).put("", 2);
        ((ObjectNode) tree.at("/detail/new_environments/0")).put("", 3);

        NewEnvironmentsEvent event = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.json(tree));

        assertEquals(Optional.of("1"), event.unknownMembers().json(""));
        assertEquals(Optional.of("2"), event.unknownDetailMembers().json(""));
        assertEquals(Optional.of("3"), event.environments().get(0).unknownMembers().json(""));
        assertEquals(tree, Samples.tree(CoherenceEvents.toJson(event)));
        assertEquals(Map.of("", "true"), new UnknownMembers(Map.of("", "true")).json());
    }

    @Test
    void refusesAValueNestedSoDeepThatAnEventHoldingItCouldNotBeReadBack() {
        String nest999 = nested(999);
        String nest996 = nested(996);

        CoherenceEventException constructor = assertThrows(CoherenceEventException.class,
                () -> new UnknownMembers(Map.of("x", nested(1000))));
        CoherenceEventException inEnvironment = assertThrows(CoherenceEventException.class,
                () -> new Environment("E1", "main", "app", new UnknownMembers(Map.of("x", nested(997)))));
        CoherenceEventException inDetail = assertThrows(CoherenceEventException.class,
                () -> event(UnknownMembers.none(), new UnknownMembers(Map.of("x", nest999)), List.of()));

        assertTrue(constructor.getMessage().contains("deeper than 999 levels"), constructor.pointer());
        assertEquals("/x", inEnvironment.pointer());
        assertTrue(inEnvironment.getMessage().contains("at most 996"), inEnvironment.getMessage());
        assertEquals("/detail/x", inDetail.pointer());
        for (NewEnvironmentsEvent deepest : List.of(
                event(new UnknownMembers(Map.of("x", nest999)), UnknownMembers.none(), List.of()),
                event(UnknownMembers.none(), new UnknownMembers(Map.of("x", nested(998))), List.of()),
                event(UnknownMembers.none(), UnknownMembers.none(),
                        List.of(new Environment("E1", "main", "app", new UnknownMembers(Map.of("x", nest996))))))) {
            assertEquals(deepest, CoherenceEvents.parse(CoherenceEvents.toJson(deepest)), "the deepest allowed");
        }
    }

    @Test
    void aParsedEventsMembersFitWhereverTheyAreMovedOnlyIfTheEventCouldHoldThemThere() {
        ObjectNode tree = Samples.newEnvironmentsTree();
        tree.set("x", Samples.tree(nested(999)));
        NewEnvironmentsEvent parsed = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.json(tree));

        assertEquals(parsed.unknownMembers(), new UnknownMembers(parsed.unknownMembers().json()));
        assertThrows(CoherenceEventException.class, () -> new Environment("E1", "main", "app",
                parsed.unknownMembers()), "999 levels cannot sit in an environment");
    }

    @Test
    void refusesADetailNestedSoDeepThatTheEventCouldNotBeReadBack() {
        String deepest = "{\"a\":" + nested(998) + "}";
        String tooDeep = "{\"a\":" + nested(999) + "}";

        UnknownCoherenceEvent held = new UnknownCoherenceEvent("0", "i", "t", "1", java.time.Instant.EPOCH, "r",
                List.of(), deepest);
        ObjectNode asText = Samples.newEnvironmentsTree();
        asText.put("detail-type", "other").put("detail", tooDeep);

        assertEquals(held, CoherenceEvents.parse(CoherenceEvents.toJson(held)));
        assertThrows(CoherenceEventException.class, () -> new UnknownCoherenceEvent("0", "i", "t", "1",
                java.time.Instant.EPOCH, "r", List.of(), tooDeep));
        assertEquals("/detail", assertThrows(CoherenceEventException.class,
                () -> CoherenceEvents.parse(Samples.json(asText))).pointer().substring(0, 7));
    }

    @Test
    void keepsANumberALenientParserAcceptsAsTheJsonNumberItReadsAs() throws Exception {
        ObjectMapper lenient = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
                .addModule(CoherenceEvents.jacksonModule()).build();
        String json = Samples.NEW_ENVIRONMENTS.replaceFirst("\\{", "{\"a\":.5,\"b\":[1.,+2.5],");

        CoherenceEvent event = lenient.readValue(json, CoherenceEvent.class);

        assertEquals(Optional.of("0.5"), event.unknownMembers().json("a"));
        assertEquals(Optional.of("[1,2.5]"), event.unknownMembers().json("b"));
        assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-12", "1.5", "0.10", "1e5", "1E+5", "2e-3", "1E9999999999",
        "123456789012345678901234567890"})
    void takesTheTextOfAJsonNumberAsItIs(String number) {
        assertTrue(EventReader.isJsonNumber(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", ".5", "1.", "01", "-01", "1e", "1e+", "1.e5", "0x1F", "1_000", "Infinity",
        "NaN", "1 ", "--1", "1.5.5"})
    void rewritesTextThatIsNotAJsonNumber(String text) {
        assertFalse(EventReader.isJsonNumber(text));
    }

    @Test
    void refusesAStringLongerThanAnEventCanHoldEvenFromAParserThatAllowsIt() {
        ObjectMapper mapper = new ObjectMapper().registerModule(CoherenceEvents.jacksonModule());
        String json = Samples.NEW_ENVIRONMENTS.replaceFirst("\\{", "{\"long\":\"" + "x".repeat(300_000) + "\",");

        com.fasterxml.jackson.databind.JsonMappingException e = assertThrows(
                com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> mapper.readValue(json, CoherenceEvent.class));

        CoherenceEventException cause = assertInstanceOf(CoherenceEventException.class, rootCause(e));
        assertEquals("/long", cause.pointer());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof CoherenceEventException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    private static NewEnvironmentsEvent event(UnknownMembers envelope, UnknownMembers detail,
            List<Environment> environments) {
        return new NewEnvironmentsEvent("0", "id", "1", java.time.Instant.EPOCH, "r", List.of(), environments,
                envelope, detail);
    }

    @Test
    void theJacksonModuleWritesThemToTreesAndBuffersNotOnlyToText() {
        ObjectMapper mapper = new ObjectMapper().registerModule(CoherenceEvents.jacksonModule());
        ObjectNode tree = withUnknownMembers();
        tree.put("detail-type", "deleted_environments");
        for (ObjectNode input : List.of(withUnknownMembers(), tree)) {
            CoherenceEvent event = CoherenceEvents.parse(Samples.json(input));

            JsonNode written = mapper.valueToTree(event);

            assertEquals(event, CoherenceEvents.parse(written));
            assertEquals(event, mapper.convertValue(event, CoherenceEvent.class));
            assertEquals("nightly", written.get("replay-name").textValue());
        }
    }

    @Test
    void aTreeHoldingAnInfiniteNumberIsWrittenBackAsANumberThatReadsTheSame() {
        ObjectNode tree = Samples.newEnvironmentsTree();
        tree.put("big", Double.POSITIVE_INFINITY);
        tree.put("small", Double.NEGATIVE_INFINITY);

        CoherenceEvent event = CoherenceEvents.parse(tree);

        assertEquals(Optional.of("1e400"), event.unknownMembers().json("big"));
        assertEquals(Optional.of("-1e400"), event.unknownMembers().json("small"));
        assertEquals(event, CoherenceEvents.parse(Samples.json(tree).replace("\"Infinity\"", "1e400")
                .replace("\"-Infinity\"", "-1e400")));
    }

    @Test
    void cannotRepeatAMemberTheRecordHolds() {
        UnknownMembers id = new UnknownMembers(Map.of("id", "\"other\""));
        UnknownMembers list = new UnknownMembers(Map.of("new_environments", "[]"));
        UnknownMembers name = new UnknownMembers(Map.of("environment_name", "\"x\""));
        NewEnvironmentsEvent event = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

        CoherenceEventException envelope = assertThrows(CoherenceEventException.class,
                () -> new NewEnvironmentsEvent(event.version(), event.id(), event.account(), event.time(),
                        event.region(), event.resources(), event.environments(), id, UnknownMembers.none()));
        CoherenceEventException detail = assertThrows(CoherenceEventException.class,
                () -> new NewEnvironmentsEvent(event.version(), event.id(), event.account(), event.time(),
                        event.region(), event.resources(), event.environments(), UnknownMembers.none(), list));
        CoherenceEventException environment = assertThrows(CoherenceEventException.class,
                () -> new Environment("E1", "main", "app", name));

        assertEquals("/id", envelope.pointer());
        assertEquals("/detail/new_environments", detail.pointer());
        assertEquals("/environment_name", environment.pointer());
        assertThrows(CoherenceEventException.class, () -> new UnknownCoherenceEvent("0", "i", "t", "1", event.time(),
                "r", List.of(), "{}", new UnknownMembers(Map.of("detail", "{}"))));
        assertTrue(assertThrows(CoherenceEventException.class, () -> new Environment("E1", "main", "app", null))
                .getMessage().contains("UnknownMembers.none()"));
    }

    @Test
    void everyEntryPointKeepsThemAndToJsonWritesThemBack() throws Exception {
        ObjectNode tree = withUnknownMembers();
        String json = Samples.json(tree);
        ObjectMapper withModule = new ObjectMapper().registerModule(CoherenceEvents.jacksonModule());
        List<Function<String, CoherenceEvent>> entryPoints = List.of(
                CoherenceEvents::parse,
                text -> CoherenceEvents.parse(text.getBytes(StandardCharsets.UTF_8)),
                text -> CoherenceEvents.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))),
                text -> CoherenceEvents.parse(Samples.tree(text)),
                text -> CoherenceEvents.parse(map(text)),
                text -> read(withModule, text));

        for (Function<String, CoherenceEvent> entryPoint : entryPoints) {
            NewEnvironmentsEvent event = assertInstanceOf(NewEnvironmentsEvent.class, entryPoint.apply(json));

            assertEquals(Optional.of("\"nightly\""), event.unknownMembers().json("replay-name"));
            assertTrue(event.unknownDetailMembers().json("run").orElseThrow().startsWith("{\"id\":42,\"ratio\":0.1"),
                    event.unknownDetailMembers().json("run").orElseThrow());
            assertEquals(Optional.of("[\"https://a.example\",null]"),
                    event.environments().get(0).unknownMembers().json("urls"));
            assertEquals(tree, Samples.tree(CoherenceEvents.toJson(event)), "nothing lost on the way back");
            assertEquals(tree, Samples.tree(withModule.writeValueAsString(event)), "the Jackson module writes them");
        }
    }

    @Test
    void theDetailJsonOfAKnownEventHoldsItsUnknownMembers() {
        NewEnvironmentsEvent event = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.json(withUnknownMembers()));

        JsonNode detail = Samples.tree(CoherenceEvents.detailJson(event));

        assertEquals(42, detail.at("/run/id").intValue());
        assertEquals("https://a.example", detail.at("/new_environments/0/urls/0").textValue());
    }

    @Test
    void anUnknownEventTypeKeepsItsUnknownEnvelopeMembersToo() {
        ObjectNode tree = Samples.newEnvironmentsTree();
        tree.put("detail-type", "deleted_environments");
        tree.put("replay-name", "r");

        UnknownCoherenceEvent event = assertInstanceOf(UnknownCoherenceEvent.class,
                CoherenceEvents.parse(Samples.json(tree)));

        assertEquals(Optional.of("\"r\""), event.unknownMembers().json("replay-name"));
        assertEquals(tree, Samples.tree(CoherenceEvents.toJson(event)));
    }

    /**
     * Over 2,000 random events with random unknown members at every level: reading, writing and reading again gives
     * the same event, and the written JSON is the JSON read.
     */
    @Test
    void readingWhatWasWrittenGivesTheSameEventForRandomMembers() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode tree = random.nextBoolean() ? Samples.newEnvironmentsTree() : Samples.validEnvironmentsTree();
            addRandomMembers(random, tree);
            ObjectNode detail = (ObjectNode) tree.get("detail");
            addRandomMembers(random, detail);
            detail.fields().next().getValue()
                    .forEach(environment -> addRandomMembers(random, (ObjectNode) environment));

            CoherenceEvent event = CoherenceEvents.parse(Samples.json(tree));
            String written = CoherenceEvents.toJson(event);

            assertEquals(tree, Samples.tree(written), written);
            assertEquals(event, CoherenceEvents.parse(written));
            // What the reader kept is exactly the compact text the constructor makes of it.
            assertEquals(event.unknownMembers(),
                    new UnknownMembers(new LinkedHashMap<>(event.unknownMembers().json())));
        }
    }

    private static void addRandomMembers(Random random, ObjectNode object) {
        for (int i = random.nextInt(3); i > 0; i--) {
            String name = "x" + random.nextInt(5) + (random.nextInt(8) == 0 ? "/~\u00e9\"" : "");
            if (object.has(name)) {
                continue;
            }
            switch (random.nextInt(5)) {
                case 0 -> object.put(name, random.nextInt());
                case 1 -> object.put(name, "s" + random.nextLong()
                        + (random.nextBoolean() ? "\n\u2028\"\\/\u0001\u001f\u007f\u00e9\ud83d\ude00" : ""));
                case 2 -> object.putArray(name).add(random.nextBoolean()).addNull().add(random.nextDouble());
                case 3 -> object.putObject(name).putObject("deep").put("v", random.nextInt(100));
                default -> object.putNull(name);
            }
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CoherenceEvent read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, CoherenceEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
