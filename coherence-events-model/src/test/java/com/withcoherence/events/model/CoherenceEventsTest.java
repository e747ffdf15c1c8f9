package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoherenceEventsTest {

    private static final Environment ANOTHER_TEST_ENV =
            new Environment("AESOIFH3341", "another-test-env", "12309ijsdf-your-app-name");

    @Nested
    class TheDocumentedSamples {

        @Test
        void parsesTheDocumentedNewEnvironmentsEventFieldByField() {
            CoherenceEvent event = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

            NewEnvironmentsEvent created = assertInstanceOf(NewEnvironmentsEvent.class, event);
            assertEquals("0", created.version());
            assertEquals("1bb332f8-acc2-adcb-0878-4c0fe06aaf7d", created.id());
            assertEquals("new_environments", created.detailType());
            assertEquals("Coherence", created.source());
            assertEquals("1234596789", created.account());
            assertEquals(Instant.parse("2023-05-19T13:56:16Z"), created.time());
            assertEquals("us-east-1", created.region());
            assertEquals(List.of(), created.resources());
            assertEquals(List.of(ANOTHER_TEST_ENV), created.environments());
        }

        @Test
        void parsesTheDocumentedValidEnvironmentsEventFieldByField() {
            CoherenceEvent event = CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS);

            ValidEnvironmentsEvent valid = assertInstanceOf(ValidEnvironmentsEvent.class, event);
            assertEquals("0", valid.version());
            assertEquals("8573c1ce-132d-af52-c64f-045f162e6107", valid.id());
            assertEquals("valid_environments", valid.detailType());
            assertEquals("Coherence", valid.source());
            assertEquals("1234596789", valid.account());
            assertEquals(Instant.parse("2023-05-19T14:15:27Z"), valid.time());
            assertEquals("us-east-1", valid.region());
            assertEquals(List.of(), valid.resources());
            String app = "12309ijsdf-your-app-name";
            assertEquals(List.of(
                    new Environment("E1LPXKCLUIFVWG", "main", app),
                    new Environment("E1JAHDXHMQLLSJ", "update-subscribe-button", app),
                    new Environment("E2QXXI0WZW0C68", "another-test-env", app),
                    new Environment("E39Y1123213", "some-env-name", app)), valid.environments());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/samples/new-environments.json", "/samples/valid-environments.json"})
        void writesBackTheSameJsonTreeAndReadsBackAnEqualEvent(String resource) {
            String published = Samples.read(resource);
            CoherenceEvent event = CoherenceEvents.parse(published);

            String written = CoherenceEvents.toJson(event);

            assertEquals(Samples.tree(published), Samples.tree(written), "event -> JSON keeps the published tree");
            assertEquals(event, CoherenceEvents.parse(written), "JSON -> event -> JSON -> event is stable");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/samples/new-environments.json", "/samples/valid-environments.json"})
        void everyEntryPointReadsTheSameEvent(String resource) throws IOException {
            String json = Samples.read(resource);
            CoherenceEvent expected = CoherenceEvents.parse(json);
            Map<String, Object> lambdaMap = Samples.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            });

            assertEquals(expected, CoherenceEvents.parse(json.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, CoherenceEvents.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
            assertEquals(expected, CoherenceEvents.parse(lambdaMap));
            assertEquals(expected, CoherenceEvents.parse(Samples.tree(json)));
            assertEquals(expected, CoherenceEvents.parse(json.getBytes(StandardCharsets.UTF_16)), "UTF-16 with BOM");
        }

        @Test
        void writesTheDetailAloneForAPutEventsEntry() {
            CoherenceEvent event = CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

            String detail = CoherenceEvents.detailJson(event);

            assertEquals(Samples.tree(Samples.NEW_ENVIRONMENTS).get("detail"), Samples.tree(detail));
        }

        @Test
        void listsAreUnmodifiable() {
            NewEnvironmentsEvent event = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);

            assertThrows(UnsupportedOperationException.class, () -> event.environments().add(ANOTHER_TEST_ENV));
            assertThrows(UnsupportedOperationException.class, () -> event.resources().add("arn"));
        }
    }

    @Nested
    class LenientWhereTheFutureMayAddThings {

        @Test
        void keepsUnknownMembersAtEveryLevelAndWritesThemBack() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.putObject("replay-name").put("x", 1).putArray("nested").add(true).addNull();
            ObjectNode detail = (ObjectNode) tree.get("detail");
            detail.put("run_id", 42).putArray("tags").add("a");
            ((ObjectNode) detail.get("new_environments").get(0)).put("status", "ready").putObject("urls");

            NewEnvironmentsEvent event = assertInstanceOf(NewEnvironmentsEvent.class,
                    CoherenceEvents.parse(Samples.json(tree)));

            NewEnvironmentsEvent documented = (NewEnvironmentsEvent) CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS);
            assertEquals(documented.environments().get(0).cloudfrontId(), event.environments().get(0).cloudfrontId());
            assertEquals(Map.of("replay-name", "{\"x\":1,\"nested\":[true,null]}"), event.unknownMembers().json());
            assertEquals(Map.of("run_id", "42", "tags", "[\"a\"]"), event.unknownDetailMembers().json());
            assertEquals(Optional.of("\"ready\""), event.environments().get(0).unknownMembers().json("status"));
            assertEquals(tree, Samples.tree(CoherenceEvents.toJson(event)), "nothing lost on the way back");
            assertEquals(event, CoherenceEvents.parse(CoherenceEvents.toJson(event)));
            assertNotEquals(documented, event, "unknown members are part of the event");
            assertTrue(documented.unknownMembers().isEmpty() && documented.unknownDetailMembers().isEmpty());
        }

        @Test
        void keepsUnknownMembersOfADetailSentAsTextOrBeforeTheDetailType() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            ObjectNode detail = ((ObjectNode) tree.get("detail")).put("run_id", 7);
            ObjectNode detailFirst = Samples.MAPPER.createObjectNode();
            detailFirst.set("detail", detail);
            detailFirst.setAll(tree);
            ObjectNode asText = tree.deepCopy().put("detail", Samples.json(detail));

            for (ObjectNode input : List.of(detailFirst, asText)) {
                NewEnvironmentsEvent event = assertInstanceOf(NewEnvironmentsEvent.class,
                        CoherenceEvents.parse(Samples.json(input)));

                assertEquals(Optional.of("7"), event.unknownDetailMembers().json("run_id"), Samples.json(input));
            }
        }

        @Test
        void refusesAnUnknownMemberRepeatedInOneObject() {
            String repeated = Samples.NEW_ENVIRONMENTS.replaceFirst("\\{", "{\"extra\":1,\"extra\":2,");

            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(repeated));

            assertTrue(e.getMessage().contains("extra"), e.getMessage());
        }

        @Test
        void keepsTheWholeDetailOfAnUnknownDetailType() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("detail-type", "deleted_environments");
            ObjectNode detail = tree.putObject("detail");
            detail.putArray("deleted_environments").addObject().put("environment_name", "old").put("size", 1.50);
            detail.put("reason", "ttl");

            CoherenceEvent event = CoherenceEvents.parse(Samples.json(tree));

            UnknownCoherenceEvent unknown = assertInstanceOf(UnknownCoherenceEvent.class, event);
            assertEquals("deleted_environments", unknown.detailType());
            assertEquals(detail, Samples.tree(unknown.detailJson()));
            assertEquals(tree, Samples.tree(CoherenceEvents.toJson(unknown)), "nothing lost on the way back");
            assertEquals(unknown, CoherenceEvents.parse(CoherenceEvents.toJson(unknown)));
        }

        /** Found by fuzzing: copying such a number "exactly" made a BigDecimal of it, which cannot hold it. */
        @Test
        void keepsEveryValidJsonNumberOfAnUnknownDetailAsWritten() {
            String numbers = "\"huge\":-999999999999999999E99999999999999999999,\"tiny\":1e-400,\"e\":1E+2,"
                    + "\"zero\":-0.0,\"int\":123456789012345678901234567890";
            String json = Samples.NEW_ENVIRONMENTS
                    .replace("\"detail-type\": \"new_environments\"", "\"detail-type\": \"deleted_environments\"")
                    .replace("\"detail\": {", "\"detail\": {" + numbers + ",");

            UnknownCoherenceEvent unknown = assertInstanceOf(UnknownCoherenceEvent.class, CoherenceEvents.parse(json));

            assertTrue(unknown.detailJson().startsWith("{" + numbers + ","), unknown.detailJson());
            assertEquals(unknown, CoherenceEvents.parse(CoherenceEvents.toJson(unknown)));
            assertEquals(List.of(), CoherenceSchemas.validate(json), "the schemas read the same numbers");
        }

        @Test
        void readsADetailSentAsAJsonString() {
            ObjectNode tree = Samples.validEnvironmentsTree();
            tree.put("detail", Samples.json(tree.get("detail")));

            assertEquals(CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS), CoherenceEvents.parse(Samples.json(tree)));
        }

        @Test
        void readsADetailThatComesBeforeItsDetailType() {
            ObjectNode original = Samples.validEnvironmentsTree();
            ObjectNode reordered = Samples.MAPPER.createObjectNode();
            reordered.set("detail", original.get("detail"));
            original.properties().forEach(field -> reordered.set(field.getKey(), field.getValue()));

            assertEquals(CoherenceEvents.parse(Samples.VALID_ENVIRONMENTS), CoherenceEvents.parse(Samples.json(reordered)));
        }

        @ParameterizedTest
        @MethodSource("com.withcoherence.events.model.CoherenceEventsTest#times")
        void readsRfc3339TimesWithAndWithoutFractionsAndWithOffsets(String text, String expected) {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("time", text);

            assertEquals(Instant.parse(expected), CoherenceEvents.parse(Samples.json(tree)).time());
        }

        @Test
        void acceptsAnEmptyEnvironmentList() {
            ObjectNode tree = Samples.validEnvironmentsTree();
            ((ObjectNode) tree.get("detail")).putArray("valid_environments");

            ValidEnvironmentsEvent event = (ValidEnvironmentsEvent) CoherenceEvents.parse(Samples.json(tree));

            assertEquals(List.of(), event.environments());
        }

        @Test
        void keepsResourcesInOrder() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.putArray("resources").add("arn:aws:cloudfront::1:distribution/B").add("arn:aws:cloudfront::1:distribution/A");

            assertEquals(List.of("arn:aws:cloudfront::1:distribution/B", "arn:aws:cloudfront::1:distribution/A"),
                    CoherenceEvents.parse(Samples.json(tree)).resources());
        }
    }

    static Stream<Arguments> times() {
        return Stream.of(
                Arguments.of("2023-05-19T13:56:16Z", "2023-05-19T13:56:16Z"),
                Arguments.of("2023-05-19T13:56:16.123Z", "2023-05-19T13:56:16.123Z"),
                Arguments.of("2023-05-19T13:56:16.5Z", "2023-05-19T13:56:16.500Z"),
                Arguments.of("2023-05-19T13:56:16.123456789Z", "2023-05-19T13:56:16.123456789Z"),
                Arguments.of("2023-05-19T15:56:16+02:00", "2023-05-19T13:56:16Z"),
                Arguments.of("2023-05-19T08:26:16.25-05:30", "2023-05-19T13:56:16.250Z"),
                Arguments.of("2023-05-19t13:56:16z", "2023-05-19T13:56:16Z"),
                Arguments.of("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"));
    }

    /**
     * Bad inputs: each is rejected with a {@link CoherenceEventException} whose pointer names the offending value.
     */
    @Nested
    class StrictWhereDataIsWrong {

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceEventsTest#badInputs")
        void rejectsWithThePointerOfTheProblem(String name, byte[] input, String pointer) {
            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(input));

            assertEquals(pointer, e.pointer(), () -> "pointer for " + name + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("Invalid Coherence event at "), e.getMessage());
            assertFalse(e.problem().isBlank());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceEventsTest#badInputs")
        void rejectsTheSameAsAStringAndAsAStream(String name, byte[] input, String pointer) {
            CoherenceEventException fromStream = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(new ByteArrayInputStream(input)));
            assertEquals(pointer, fromStream.pointer(), fromStream::getMessage);
            if (isUtf8(input)) {
                CoherenceEventException fromString = assertThrows(CoherenceEventException.class,
                        () -> CoherenceEvents.parse(new String(input, StandardCharsets.UTF_8)));
                assertEquals(pointer, fromString.pointer(), fromString::getMessage);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceEventsTest#badInputs")
        void rejectsTheSameAsATreeWhenTheInputIsWellFormedJson(String name, byte[] input, String pointer) {
            if (input.length > EventReader.MAX_EVENT_LENGTH) {
                return; // the document-length limit is a limit on text; a tree has no length
            }
            JsonNode tree;
            try {
                tree = Samples.MAPPER.reader()
                        .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readTree(input);
            } catch (IOException notWellFormed) {
                return; // a tree cannot even hold this input
            }
            if (tree == null || tree.isMissingNode()) {
                return;
            }
            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(tree));
            assertEquals(pointer, e.pointer(), e::getMessage);
        }

        @Test
        void hasAtLeastFortyCases() {
            assertTrue(badInputs().count() >= 40);
        }

        @Test
        void namesTheForeignSourceAndHowToRouteOnlyCoherenceEvents() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("source", "aws.ec2");

            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.json(tree)));

            assertEquals("/source", e.pointer());
            assertTrue(e.getMessage().contains("\"aws.ec2\""), e.getMessage());
            assertTrue(e.getMessage().contains("{\"source\": [\"Coherence\"]}"), e.getMessage());
        }

        @Test
        void listsEveryMissingEnvelopeFieldInOneMessage() {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse("{\"version\": \"0\", \"source\": \"Coherence\"}"));

            assertEquals("/id", e.pointer());
            for (String field : List.of("id", "detail-type", "account", "time", "region", "resources", "detail")) {
                assertTrue(e.getMessage().contains("\"" + field + "\""), () -> field + " in " + e.getMessage());
            }
        }

        @Test
        void quotesLongValuesShortly() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("source", "x".repeat(10_000));

            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.json(tree)));

            assertTrue(e.getMessage().length() < 600, e.getMessage());
            assertTrue(e.getMessage().contains("10000 characters"), e.getMessage());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "5        | expected a non-empty string but found the number 5.",
            "-1.5e3   | expected a non-empty string but found the number -1.5e3.",
            "true     | expected a non-empty string but found true.",
            "false    | expected a non-empty string but found false.",
            "null     | expected a non-empty string but found null.",
            "[1]      | expected a non-empty string but found an array.",
            "{}       | expected a non-empty string but found an object."})
        void namesTheTypeAndValueItFound(String value, String problem) {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS.replace("\"us-east-1\"", value)));

            assertEquals("/region", e.pointer());
            assertEquals(problem, e.problem());
        }

        @Test
        void namesWhatFollowsTheEvent() {
            for (String[] trailing : new String[][] {{"[", "an array"}, {"{", "an object"}, {"\"x\"", "the string \"x\""},
                    {"7", "the number 7"}, {"true", "true"}, {"null", "null"}}) {
                CoherenceEventException e = assertThrows(CoherenceEventException.class,
                        () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS + " " + trailing[0]));

                assertTrue(e.problem().contains("followed by more content (" + trailing[1] + ")"), e.problem());
            }
        }

        @Test
        void escapesMemberNamesInPointersAsRfc6901Says() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.putObject("a/b~c").put("d", 1).put("d", 2);
            String json = Samples.json(tree).replace("{\"d\":2}", "{\"d\":1,\"d\":2}");

            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(json));

            assertEquals("/a~1b~0c/d", e.pointer());
            assertEquals("/~1", EventReader.escape("/").isEmpty() ? "" : "/" + EventReader.escape("/"));
            assertEquals("~0", EventReader.escape("~"));
            assertEquals("plain", EventReader.escape("plain"));
        }

        @Test
        void rejectsTreesAndArraysNestedTooDeepInsideAMapAtTheirPointer() {
            ObjectNode deepTree = Samples.MAPPER.createObjectNode();
            ObjectNode node = deepTree;
            for (int i = 0; i < 1_200; i++) {
                node = node.putObject("t");
            }
            Object[] deepArray = {"first", null};
            Object[] array = deepArray;
            for (int i = 0; i < 1_200; i++) {
                Object[] inner = {"x", null};
                array[1] = inner;
                array = inner;
            }
            Map<String, Object> withTree = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            withTree.put("tree", List.of("first", deepTree));
            Map<String, Object> withArray = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            withArray.put("array", deepArray);

            CoherenceEventException fromTree = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(withTree));
            CoherenceEventException fromArray = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(withArray));

            assertTrue(fromTree.pointer().startsWith("/tree/1/t/t/t/"), fromTree.pointer());
            assertEquals(1_000, fromTree.pointer().split("/").length - 1);
            assertTrue(fromArray.pointer().startsWith("/array/1/1/1/"), fromArray.pointer());
            assertEquals(1_000, fromArray.pointer().split("/").length - 1);
        }

        /** Text, trees and maps meet the same limits at the same place: up to them accepted, one beyond rejected. */
        @ParameterizedTest(name = "{0} levels")
        @ValueSource(ints = {1_000, 1_001})
        void acceptsAndRejectsTreesMapsAndTextAtTheSameNestingDepth(int levels) {
            // The event object is level 1 and its member "deep" level 2: levels - 1 nested arrays reach the level.
            String text = Samples.NEW_ENVIRONMENTS.replace("\"account\"",
                    "\"deep\": " + "[".repeat(levels - 1) + "]".repeat(levels - 1) + ", \"account\"");
            ObjectNode tree = Samples.newEnvironmentsTree();
            ArrayNode array = tree.putArray("deep");
            Map<String, Object> map = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            List<Object> list = new ArrayList<>();
            map.put("deep", list);
            for (int level = 3; level <= levels; level++) {
                array = array.addArray();
                List<Object> inner = new ArrayList<>();
                list.add(inner);
                list = inner;
            }
            boolean accepted = levels <= 1_000;

            for (java.util.function.Supplier<CoherenceEvent> parse : List.<java.util.function.Supplier<CoherenceEvent>>of(
                    () -> CoherenceEvents.parse(text), () -> CoherenceEvents.parse(tree),
                    () -> CoherenceEvents.parse(map))) {
                if (accepted) {
                    assertNotNull(parse.get());
                } else {
                    CoherenceEventException e = assertThrows(CoherenceEventException.class, parse::get);
                    assertEquals(levels - 1, e.pointer().split("/").length - 1, e.pointer());
                }
            }
        }

        /**
         * A string of exactly 256 KiB is accepted by text and trees, one of 300 KiB rejected by both. (Jackson checks a
         * string's length when its buffer grows, so text may pass a string a little over the limit; the tree check is
         * exact. The 1 MiB document limit bounds both.)
         */
        @ParameterizedTest(name = "{0} characters")
        @ValueSource(ints = {EventReader.MAX_STRING_LENGTH, 300 * 1024})
        void acceptsAndRejectsTreesAndTextAtTheStringLimit(int length) {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("long", "x".repeat(length));
            String text = Samples.json(tree);
            boolean accepted = length <= EventReader.MAX_STRING_LENGTH;

            for (java.util.function.Supplier<CoherenceEvent> parse : List.<java.util.function.Supplier<CoherenceEvent>>of(
                    () -> CoherenceEvents.parse(text), () -> CoherenceEvents.parse(tree))) {
                if (accepted) {
                    assertNotNull(parse.get());
                } else {
                    assertEquals("/long", assertThrows(CoherenceEventException.class, parse::get).pointer());
                }
            }
        }

        @Test
        void quotesValuesOfUpToEightyCharactersWhole() {
            String eighty = "y".repeat(80);
            CoherenceEventException whole = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS.replace("\"Coherence\"", "\"" + eighty + "\"")));
            CoherenceEventException shortened = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS.replace("\"Coherence\"", "\"" + eighty + "z\"")));

            assertTrue(whole.problem().contains("\"" + eighty + "\""), whole.problem());
            assertTrue(shortened.problem().contains("\"" + eighty + "…(81 characters)\""), shortened.problem());
        }

        @Test
        void rejectsNullInputsWithoutANullPointerException() {
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse((String) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse((byte[]) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse((InputStream) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse((Map<String, ?>) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse((JsonNode) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.toJson(null));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.detailJson(null));
        }

        @Test
        void rejectsAMapHoldingSomethingThatIsNotJsonData() {
            Map<String, Object> map = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            map.put("account", new Object());

            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(map));

            assertEquals("/account", e.pointer());
        }

        @Test
        void rejectsAMapWithAMistypedFieldAtItsPointer() {
            Map<String, Object> map = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            map.put("account", 1234596789);

            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(map));

            assertEquals("/account", e.pointer());
        }

        /** Found by probing the Map entry point (docs/quality.md): it ended in a StackOverflowError. */
        @Test
        void rejectsAMapThatHoldsItselfOrNestsDeeperThanEventBridgeAllows() {
            Map<String, Object> cyclic = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            cyclic.put("self", cyclic);
            Map<String, Object> deep = new LinkedHashMap<>(mapOf(Samples.NEW_ENVIRONMENTS));
            Map<String, Object> level = deep;
            for (int i = 0; i < 100_000; i++) {
                Map<String, Object> next = new LinkedHashMap<>();
                level.put("d", List.of(next));
                level = next;
            }

            CoherenceEventException selfHolding = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(cyclic));
            CoherenceEventException tooDeep = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(deep));

            assertTrue(selfHolding.pointer().startsWith("/self/self/self/"), selfHolding.pointer());
            assertTrue(selfHolding.getMessage().contains("deeper than 1000 levels"), selfHolding.getMessage());
            assertTrue(tooDeep.pointer().startsWith("/d/0/d/0/"), tooDeep.pointer());
            assertEquals(1_000, tooDeep.pointer().split("/").length - 1, "the first level too deep");
        }

        @Test
        void rejectsATreeNestedDeeperThanEventBridgeAllows() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            ObjectNode deep = tree.putObject("extra");
            for (int i = 0; i < 5_000; i++) {
                deep = deep.putObject("d");
            }

            CoherenceEventException e = assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(tree));

            assertTrue(e.pointer().startsWith("/extra/d/d"), e.pointer());
        }
    }

    @Nested
    class Streams {

        @Test
        void doesNotCloseTheCallersStream() {
            boolean[] closed = {false};
            InputStream in = new ByteArrayInputStream(Samples.NEW_ENVIRONMENTS.getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };

            CoherenceEvents.parse(in);

            assertFalse(closed[0]);
        }

        @Test
        void reportsAFailingStreamAsAnIoProblemNotAsBadData() {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }
            };

            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CoherenceEvents.parse(failing));

            assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        }
    }

    /** The claims of docs/security.md about reading untrusted input. */
    @Nested
    class Hardening {

        private static final String SECRET = "SECRET-d41d8cd98f00b204e980";

        /** A document whose text holds a secret, broken by a syntax error after it. */
        private final String broken = Samples.NEW_ENVIRONMENTS.replace("\"us-east-1\"", "\"" + SECRET + "\"")
                .replace("\"resources\"", "\"resources\" ::");

        @Test
        void errorsNeverQuoteTheInputTextAroundTheProblem() {
            List<CoherenceEventException> errors = List.of(
                    assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(broken)),
                    assertThrows(CoherenceEventException.class,
                            () -> CoherenceEvents.parse(broken.getBytes(StandardCharsets.UTF_8))),
                    assertThrows(CoherenceEventException.class,
                            () -> CoherenceEvents.parse(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)))),
                    assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parseDelivery(broken)));
            for (CoherenceEventException e : errors) {
                assertTrue(e.getMessage().contains("(line 9, column 18)"), e.getMessage());
                assertFalse(e.getMessage().contains(SECRET), e.getMessage());
                assertFalse(e.getMessage().contains("Source:"), "no Jackson source excerpt: " + e.getMessage());
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    assertFalse(String.valueOf(cause.getMessage()).contains(SECRET), cause.getMessage());
                }
            }
        }

        @Test
        void quotesAtMostEightyCharactersOfAnOffendingValue() {
            String value = SECRET + "x".repeat(200);
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(Samples.NEW_ENVIRONMENTS.replace("\"Coherence\"", "\"" + value + "\"")));

            assertEquals("/source", e.pointer());
            assertFalse(e.getMessage().contains(value), e.getMessage());
            assertTrue(e.getMessage().contains("(" + value.length() + " characters)"), e.getMessage());
        }

        @Test
        void typeIdsInTheInputStayDataAndLoadNoClass() {
            // Jackson's polymorphic typing would resolve these to classes; the model never enables it.
            String detail = "{\"@class\":\"java.lang.ProcessBuilder\",\"@type\":\"java.net.URL\","
                    + "\"command\":[\"touch\",\"pwned\"]}";
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("detail-type", "environment_deleted");
            tree.set("detail", Samples.tree(detail));

            for (CoherenceEvent event : List.of(CoherenceEvents.parse(Samples.json(tree)), CoherenceEvents.parse(tree),
                    CoherenceEvents.parse(mapOf(Samples.json(tree))))) {
                assertEquals(Samples.tree(detail), Samples.tree(((UnknownCoherenceEvent) event).detailJson()));
            }
        }

        @Test
        void deliveriesOverEightMebibytesAreRejectedWhileReading() {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parseDelivery(whitespace(16 << 20)));

            assertTrue(e.getMessage().contains(String.valueOf(DeliveryReader.MAX_DELIVERY_LENGTH)), e.getMessage());
        }

        @Test
        void deliveriesOfExactlyEightMebibytesAreReadToTheirEnd() {
            CoherenceEventException atTheLimit = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parseDelivery(whitespace(DeliveryReader.MAX_DELIVERY_LENGTH)));
            CoherenceEventException overIt = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parseDelivery(whitespace(DeliveryReader.MAX_DELIVERY_LENGTH + 1)));

            assertTrue(atTheLimit.getMessage().contains("ends before the JSON is complete"), atTheLimit.getMessage());
            assertTrue(overIt.getMessage().contains("larger than " + DeliveryReader.MAX_DELIVERY_LENGTH),
                    overIt.getMessage());
        }

        @Test
        void eventsOverOneMebibyteAreRejectedWhileStreaming() {
            CoherenceEventException e = assertThrows(CoherenceEventException.class,
                    () -> CoherenceEvents.parse(whitespace(4 << 20)));

            assertTrue(e.getMessage().contains("safety limit"), e.getMessage());
        }

        /** A stream of '{' and then spaces, {@code length} bytes in all, never held in memory at once. */
        private InputStream whitespace(long length) {
            return new InputStream() {
                private long served;

                @Override
                public int read() {
                    return served >= length ? -1 : served++ == 0 ? '{' : ' ';
                }

                @Override
                public int read(byte[] buffer, int offset, int count) {
                    if (served >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(count, length - served);
                    java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
                    if (served == 0) {
                        buffer[offset] = '{';
                    }
                    served += n;
                    return n;
                }
            };
        }
    }

    @Nested
    class ColdStart {

        /**
         * The parse path of a fresh JVM must not initialise jackson-databind, java.time's formatters or invokedynamic
         * bootstraps: each costs a Lambda cold start tens of milliseconds. Databind is on the class path here, as it
         * is in a user's deployment package, and must still stay unloaded.
         */
        @Test
        void parsingAStreamInAFreshJvmLoadsNeitherDatabindNorFormattersNorLambdas(@org.junit.jupiter.api.io.TempDir
                java.nio.file.Path dir) throws Exception {
            java.nio.file.Path event = dir.resolve("event.json");
            java.nio.file.Files.writeString(event, Samples.NEW_ENVIRONMENTS);
            String classPath = String.join(java.io.File.pathSeparator,
                    location(CoherenceEvents.class), location(ColdPathProbe.class),
                    location(com.fasterxml.jackson.core.JsonFactory.class),
                    location(com.fasterxml.jackson.databind.ObjectMapper.class));
            String javaCommand = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(javaCommand, "-Xlog:class+load=info", "-cp", classPath,
                    ColdPathProbe.class.getName(), event.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(0, process.waitFor(), output);
            assertTrue(output.contains("another-test-env"), output);
            List<String> loaded = output.lines().filter(line -> line.contains("[class,load]")).toList();
            assertTrue(loaded.size() > 300, "the log lists the loaded classes");
            for (String forbidden : List.of("com.fasterxml.jackson.databind.", "java.time.format.",
                    "java.lang.invoke.BootstrapMethodInvoker", "$$Lambda",
                    "software.amazon.event.ruler.", "com.networknt.")) {
                List<String> hits = loaded.stream().filter(line -> line.contains(forbidden)).toList();
                assertEquals(List.of(), hits, forbidden + " must not be loaded on the parse path");
            }
        }

        /**
         * At run time only the JsonNode methods and the Jackson module need jackson-databind: a deployment that leaves
         * it out (a minimised Lambda package) still parses bytes, streams and the runtime's Map.
         */
        @Test
        void everyEntryPointButJsonNodeWorksWithoutDatabindOnTheClassPath(@org.junit.jupiter.api.io.TempDir
                java.nio.file.Path dir) throws Exception {
            java.nio.file.Path event = dir.resolve("event.json");
            java.nio.file.Files.writeString(event, Samples.NEW_ENVIRONMENTS);
            String classPath = String.join(java.io.File.pathSeparator, location(CoherenceEvents.class),
                    location(NoDatabindProbe.class), location(com.fasterxml.jackson.core.JsonFactory.class));
            String javaCommand = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(javaCommand, "-cp", classPath, NoDatabindProbe.class.getName(),
                    event.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(0, process.waitFor(), output);
            List<String> lines = output.lines().toList();
            assertEquals("bytes new_environments", lines.get(0), output);
            assertEquals("map main", lines.get(1), output);
            assertEquals("delivery 1", lines.get(2), output);
            assertTrue(lines.get(3).startsWith("json "), output);
            assertTrue(lines.get(4).startsWith("module Missing dependency: the Jackson module needs "
                    + "com.fasterxml.jackson.core:jackson-databind"), output);
        }

        private String location(Class<?> type) throws java.net.URISyntaxException {
            return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table of bad inputs

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        String sample = Samples.NEW_ENVIRONMENTS;
        String env0 = "/detail/new_environments/0";

        // Not an event at all
        text(cases, "empty input", "", "");
        text(cases, "only whitespace", " \n\t ", "");
        text(cases, "a JSON array", "[" + sample + "]", "");
        text(cases, "a JSON string", "\"" + sample.replace("\"", "\\\"").replace("\n", "\\n") + "\"", "");
        text(cases, "a JSON number", "42", "");
        text(cases, "JSON null", "null", "");
        text(cases, "an empty object", "{}", "/version");

        // Not well-formed JSON
        text(cases, "truncated inside the envelope", sample.substring(0, sample.indexOf("\"region\"")), "/time");
        text(cases, "truncated inside an environment", sample.substring(0, sample.indexOf("\"environment_name\"")),
                env0 + "/cloudfront_id");
        text(cases, "trailing garbage", sample + " garbage", "");
        text(cases, "two events in one input", sample + sample, "");
        text(cases, "single-quoted strings", sample.replace("\"us-east-1\"", "'us-east-1'"), "/region");
        text(cases, "a comment", sample.replace("\"resources\"", "/* note */ \"resources\""), "/region");
        text(cases, "NaN as a value", sample.replace("\"us-east-1\"", "NaN"), "/region");
        text(cases, "a raw newline inside a string", sample.replace("us-east-1", "us-east\n-1"), "/region");
        text(cases, "a missing comma", sample.replace("\"us-east-1\",", "\"us-east-1\""), "/region");
        bytes(cases, "invalid UTF-8 in a string", replaceWithBytes(sample, "us-east-1",
                new byte[] {'u', 's', (byte) 0xff, 'x'}), "/region");
        bytes(cases, "a truncated UTF-8 sequence", replaceWithBytes(sample, "another-test-env",
                new byte[] {(byte) 0xe2, (byte) 0x82}), env0 + "/environment_name");

        // Missing required members
        for (String field : List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources",
                "detail")) {
            tree(cases, "missing " + field, t -> t.remove(field), "/" + field);
        }
        tree(cases, "missing the environment list", t -> t.putObject("detail"), "/detail/new_environments");
        tree(cases, "missing cloudfront_id", t -> env(t).remove("cloudfront_id"), env0 + "/cloudfront_id");
        tree(cases, "missing environment_name", t -> env(t).remove("environment_name"), env0 + "/environment_name");
        tree(cases, "missing application_name", t -> env(t).remove("application_name"), env0 + "/application_name");
        tree(cases, "valid_environments listed under the wrong key", t -> t.put("detail-type", "valid_environments"),
                "/detail/valid_environments");

        // Mistyped members
        tree(cases, "version as a number", t -> t.put("version", 0), "/version");
        tree(cases, "id empty", t -> t.put("id", ""), "/id");
        tree(cases, "detail-type empty", t -> t.put("detail-type", ""), "/detail-type");
        tree(cases, "source as a number", t -> t.put("source", 1), "/source");
        tree(cases, "account as a number", t -> t.put("account", 1234596789L), "/account");
        tree(cases, "region null", t -> t.putNull("region"), "/region");
        tree(cases, "time as a number", t -> t.put("time", 1684504576), "/time");
        tree(cases, "time with a space instead of T", t -> t.put("time", "2023-05-19 13:56:16Z"), "/time");
        tree(cases, "time without a zone", t -> t.put("time", "2023-05-19T13:56:16"), "/time");
        tree(cases, "time on the 30th of February", t -> t.put("time", "2023-02-30T13:56:16Z"), "/time");
        tree(cases, "time at hour 24", t -> t.put("time", "2023-05-19T24:00:00Z"), "/time");
        tree(cases, "time with ten fraction digits", t -> t.put("time", "2023-05-19T13:56:16.1234567890Z"), "/time");
        tree(cases, "time as epoch millis text", t -> t.put("time", "1684504576000"), "/time");
        tree(cases, "resources as a string", t -> t.put("resources", "arn"), "/resources");
        tree(cases, "resources holding a number", t -> t.putArray("resources").add(1), "/resources/0");
        tree(cases, "detail null", t -> t.putNull("detail"), "/detail");
        tree(cases, "detail as an array", t -> t.putArray("detail").addObject(), "/detail");
        tree(cases, "detail as a number", t -> t.put("detail", 7), "/detail");
        tree(cases, "detail as a string that is not JSON", t -> t.put("detail", "new environments!"), "/detail");
        tree(cases, "detail as a string holding an array", t -> t.put("detail", "[]"), "/detail");
        tree(cases, "environment list null", t -> ((ObjectNode) t.get("detail")).putNull("new_environments"),
                "/detail/new_environments");
        tree(cases, "environment list as an object",
                t -> ((ObjectNode) t.get("detail")).putObject("new_environments"), "/detail/new_environments");
        tree(cases, "an environment as a string",
                t -> ((ArrayNode) t.get("detail").get("new_environments")).set(0, t.textNode("main")), env0);
        tree(cases, "cloudfront_id as a number", t -> env(t).put("cloudfront_id", 42), env0 + "/cloudfront_id");
        tree(cases, "environment_name null", t -> env(t).putNull("environment_name"), env0 + "/environment_name");
        tree(cases, "application_name empty", t -> env(t).put("application_name", ""), env0 + "/application_name");
        tree(cases, "environment_name as an object", t -> env(t).putObject("environment_name"),
                env0 + "/environment_name");
        tree(cases, "the second environment broken", t -> {
            ((ArrayNode) t.get("detail").get("new_environments")).addObject().put("cloudfront_id", "E2");
        }, "/detail/new_environments/1/environment_name");

        // Not Coherence's
        tree(cases, "a foreign source", t -> t.put("source", "aws.ec2"), "/source");
        tree(cases, "source in the wrong case", t -> t.put("source", "coherence"), "/source");

        // Duplicate keys
        text(cases, "a duplicate envelope key", sample.replace("\"account\"", "\"id\": \"x\", \"account\""), "/id");
        text(cases, "a duplicate key in an environment",
                sample.replace("\"environment_name\"", "\"cloudfront_id\": \"E9\", \"environment_name\""),
                env0 + "/cloudfront_id");
        text(cases, "a duplicate unknown key", sample.replace("\"account\"", "\"x\": 1, \"x\": 2, \"account\""), "/x");
        text(cases, "a duplicate key deep in an unknown member",
                sample.replace("\"account\"", "\"extra\": {\"a\": [{\"b\": 1, \"c\": 2, \"b\": 3}]}, \"account\""),
                "/extra/a/0/b");
        text(cases, "a duplicate environment list", sample.replace("\"new_environments\": [",
                "\"new_environments\": [], \"new_environments\": ["), "/detail/new_environments");

        // Over the limits
        text(cases, "nesting deeper than EventBridge allows", sample.replace("\"account\"",
                "\"deep\": " + "[".repeat(5_000) + "]".repeat(5_000) + ", \"account\""), deepPointer(1_000));
        text(cases, "a string longer than any event may be", sample.replace("\"us-east-1\"",
                "\"" + "x".repeat(300 * 1024) + "\""), "/region");
        text(cases, "a document longer than any event may be", sample.replace("\"us-east-1\"",
                "\"us-east-1\", \"padding\": \"" + "x".repeat(200 * 1024) + "\", \"more\": [" + "\"y\",".repeat(400 * 1024) + "\"z\"]"), "");
        return cases.stream();
    }

    private static String deepPointer(int depth) {
        StringBuilder pointer = new StringBuilder("/deep");
        for (int i = 1; i < depth; i++) {
            pointer.append("/0");
        }
        return pointer.toString();
    }

    private static ObjectNode env(ObjectNode tree) {
        return (ObjectNode) tree.get("detail").get("new_environments").get(0);
    }

    private static void text(List<Arguments> cases, String name, String input, String pointer) {
        cases.add(Arguments.of(name, input.getBytes(StandardCharsets.UTF_8), pointer));
    }

    private static void bytes(List<Arguments> cases, String name, byte[] input, String pointer) {
        cases.add(Arguments.of(name, input, pointer));
    }

    private static void tree(List<Arguments> cases, String name, Consumer<ObjectNode> change, String pointer) {
        ObjectNode tree = Samples.newEnvironmentsTree();
        change.accept(tree);
        text(cases, name, Samples.json(tree), pointer);
    }

    private static byte[] replaceWithBytes(String text, String target, byte[] replacement) {
        int at = text.indexOf(target);
        if (at < 0) {
            throw new IllegalArgumentException(target + " is not in the sample");
        }
        String before = text.substring(0, at);
        String after = text.substring(at + target.length());
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + replacement.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(replacement, 0, out, head.length, replacement.length);
        System.arraycopy(tail, 0, out, head.length + replacement.length, tail.length);
        return out;
    }

    private static boolean isUtf8(byte[] input) {
        return java.util.Arrays.equals(input, new String(input, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> mapOf(String json) {
        try {
            return Samples.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
