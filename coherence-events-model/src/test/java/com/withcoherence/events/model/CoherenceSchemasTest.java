package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoherenceSchemasTest {

    private static final String ENV0 = "/detail/new_environments/0";

    @Nested
    class TheDocumentedSamples {

        @ParameterizedTest
        @ValueSource(strings = {"/samples/new-environments.json", "/samples/valid-environments.json"})
        void validateWithoutViolationsUnderTheirEventSchemaAndTheEnvelope(String resource) {
            String json = Samples.read(resource);
            CoherenceSchema eventSchema = CoherenceSchema.forDetailType(Samples.tree(json).get("detail-type").asText());

            assertEquals(List.of(), CoherenceSchemas.validate(json));
            assertEquals(List.of(), CoherenceSchemas.validate(json.getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of(), CoherenceSchemas.validate(Samples.tree(json)));
            assertEquals(List.of(), CoherenceSchemas.validate(eventSchema, json));
            assertEquals(List.of(), CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, json));
            assertEquals(List.of(), CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, Samples.tree(json)));
            assertEquals(List.of(), CoherenceSchemas.validate(CoherenceSchema.ENVELOPE,
                    json.getBytes(StandardCharsets.UTF_16)));
        }

        @Test
        void failTheOtherEventsSchemaWhereTheyDiffer() {
            List<SchemaViolation> violations =
                    CoherenceSchemas.validate(CoherenceSchema.VALID_ENVIRONMENTS, Samples.NEW_ENVIRONMENTS);

            assertEquals(List.of("/detail/valid_environments", "/detail-type"), pointers(violations));
            assertEquals(List.of("required", "enum"), keywords(violations));
        }
    }

    @Nested
    class ChoosingTheSchema {

        @Test
        void usesTheEventSchemaOfAKnownDetailType() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            ((ObjectNode) tree.get("detail")).remove("new_environments");

            // Only the new_environments schema knows the list is required; the envelope accepts any detail object.
            assertEquals(List.of("/detail/new_environments"), pointers(CoherenceSchemas.validate(Samples.json(tree))));
            assertEquals(List.of(), CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, tree));
        }

        @Test
        void usesTheEnvelopeForAnUnknownDetailTypeSoItsDetailMayHoldAnything() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("detail-type", "deleted_environments");
            tree.putObject("detail").putArray("deleted_environments").add(42);

            assertEquals(List.of(), CoherenceSchemas.validate(tree));
            assertDoesNotThrow(() -> CoherenceEvents.parse(tree));
        }

        @Test
        void usesTheEnvelopeWhenTheDetailTypeIsMissingOrNotAString() {
            ObjectNode missing = Samples.validEnvironmentsTree();
            missing.remove("detail-type");
            ObjectNode number = Samples.validEnvironmentsTree();
            number.put("detail-type", 7);

            assertEquals(List.of(new SchemaViolation("/detail-type", "required",
                    CoherenceSchemas.validate(missing).get(0).message())), CoherenceSchemas.validate(missing));
            assertEquals(List.of("type"), keywords(CoherenceSchemas.validate(number)),
                    "no enum violation: the envelope, not the valid_environments schema, was applied");
        }

        @Test
        void appliesTheNamedSchemaWhateverTheDetailType() {
            List<SchemaViolation> violations =
                    CoherenceSchemas.validate(CoherenceSchema.NEW_ENVIRONMENTS, Samples.validEnvironmentsTree());

            assertEquals(List.of("/detail/new_environments", "/detail-type"), pointers(violations));
        }
    }

    /**
     * The schemas and the parser must agree: a document has violations exactly when {@link CoherenceEvents#parse}
     * rejects it, and at the pointer the parser names.
     */
    @Nested
    class AgreementWithTheParser {

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceSchemasTest#invalidDocuments")
        void reportsEachInvalidDocumentAtItsPointerAndTheParserRejectsItThere(String name, byte[] input, String pointer,
                String keyword) {
            List<SchemaViolation> violations = CoherenceSchemas.validate(input);

            assertEquals(Set.of(pointer), Set.copyOf(pointers(violations)), () -> name + ": " + violations);
            assertTrue(keywords(violations).contains(keyword), () -> name + ": " + violations);
            CoherenceEventException rejected =
                    assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(input), name);
            assertEquals(pointer, rejected.pointer(), rejected::getMessage);
        }

        @Test
        void theTableOfInvalidDocumentsHasAtLeastTwentyCases() {
            assertTrue(invalidDocuments().count() >= 20);
        }

        /** The parser's own table of bad inputs: the schemas reject each one too, at the parser's pointer. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceEventsTest#badInputs")
        void rejectsEveryInputTheParsersOwnTableRejects(String name, byte[] input, String pointer) {
            List<SchemaViolation> violations = CoherenceSchemas.validate(input);

            assertTrue(pointers(violations).contains(pointer), () -> name + ": expected " + pointer + " in "
                    + violations);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.withcoherence.events.model.CoherenceSchemasTest#validDocuments")
        void acceptsEveryDocumentTheParserAccepts(String name, String json) {
            assertDoesNotThrow(() -> CoherenceEvents.parse(json), name);
            assertEquals(List.of(), CoherenceSchemas.validate(json), name);
            assertEquals(List.of(), CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, json), name);
        }

        @Test
        void agreesWithTheParserOnThousandsOfTimes() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            int accepted = 0;
            List<String> times = times();
            for (String time : times) {
                tree.put("time", time);
                boolean parserAccepts = EventTimes.parse(time) != null;
                List<SchemaViolation> violations = CoherenceSchemas.validate(tree);

                assertEquals(parserAccepts, violations.isEmpty(), () -> "\"" + time + "\": " + violations);
                if (!parserAccepts) {
                    assertEquals(List.of(new SchemaViolation("/time", "pattern", violations.get(0).message())),
                            violations);
                } else {
                    accepted++;
                }
            }
            assertTrue(accepted > 1_000 && accepted < times.size() - 1_000, "both kinds are exercised: " + accepted);
        }

        /**
         * The one known difference: the parser also reads a detail sent as a JSON string holding the object, while
         * the schemas describe the wire form EventBridge delivers, an object.
         */
        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void aDetailSentAsAJsonStringIsTheOneKnownDifference(CoherenceSchema schema) {
            ObjectNode tree = schema == CoherenceSchema.VALID_ENVIRONMENTS ? Samples.validEnvironmentsTree()
                    : Samples.newEnvironmentsTree();
            tree.put("detail", Samples.json(tree.get("detail")));

            assertDoesNotThrow(() -> CoherenceEvents.parse(tree));
            List<SchemaViolation> violations = CoherenceSchemas.validate(schema, tree);
            assertEquals(List.of("/detail"), pointers(violations), "one violation, though two subschemas check it");
            assertEquals("type", violations.get(0).keyword());
            assertTrue(violations.get(0).message().contains("CoherenceEvents.parse also reads a detail sent as a JSON "
                    + "string"), violations.get(0).message());
        }
    }

    @Nested
    class ReadingAsStrictlyAsTheParser {

        @Test
        void rejectsNullArgumentsWithACoherenceEventException() {
            assertThrows(CoherenceEventException.class, () -> CoherenceSchemas.validate((String) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceSchemas.validate((byte[]) null));
            assertThrows(CoherenceEventException.class, () -> CoherenceSchemas.validate((JsonNode) null));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(null, Samples.NEW_ENVIRONMENTS));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(null, Samples.NEW_ENVIRONMENTS.getBytes(StandardCharsets.UTF_8)));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(null, Samples.newEnvironmentsTree()));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, (String) null));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, (byte[]) null));
            assertThrows(CoherenceEventException.class,
                    () -> CoherenceSchemas.validate(CoherenceSchema.ENVELOPE, (JsonNode) null));
        }

        @Test
        void reportsUnreadableInputAsOneJsonViolationWithTheParsersWords() {
            String truncated = Samples.NEW_ENVIRONMENTS.substring(0, Samples.NEW_ENVIRONMENTS.indexOf("\"region\""));

            List<SchemaViolation> violations = CoherenceSchemas.validate(CoherenceSchema.NEW_ENVIRONMENTS, truncated);

            CoherenceEventException parser =
                    assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(truncated));
            assertEquals(List.of(new SchemaViolation(parser.pointer(), SchemaViolation.JSON_KEYWORD, parser.problem())),
                    violations);
        }

        @Test
        void readsUtf16AndUtf32LikeTheParser() {
            for (String charset : List.of("UTF-16", "UTF-16LE", "UTF-32BE")) {
                byte[] bytes = Samples.VALID_ENVIRONMENTS.getBytes(java.nio.charset.Charset.forName(charset));
                assertEquals(List.of(), CoherenceSchemas.validate(bytes), charset);
            }
        }

        @Test
        void rejectsATreeThatIsMissingDeeperThanAllowedOrNotJsonData() {
            ObjectNode deep = Samples.newEnvironmentsTree();
            ObjectNode level = deep.putObject("extra");
            for (int i = 0; i < 5_000; i++) {
                level = level.putObject("d");
            }
            ObjectNode pojo = Samples.newEnvironmentsTree();
            pojo.putPOJO("extra", new Object());

            assertEquals(List.of(""), pointers(CoherenceSchemas.validate(MissingNode.getInstance())));
            List<SchemaViolation> tooDeep = CoherenceSchemas.validate(deep);
            assertEquals(SchemaViolation.JSON_KEYWORD, tooDeep.get(0).keyword());
            assertEquals(assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(deep)).pointer(),
                    tooDeep.get(0).pointer());
            assertEquals(List.of(new SchemaViolation("/extra", SchemaViolation.JSON_KEYWORD,
                    CoherenceSchemas.validate(pojo).get(0).message())), CoherenceSchemas.validate(pojo));
            assertThrows(CoherenceEventException.class, () -> CoherenceEvents.parse(pojo));
        }

        @Test
        void validatesAJsonNullTreeAsADocumentThatIsNotAnObject() {
            List<SchemaViolation> violations = CoherenceSchemas.validate(JsonNodeFactory.instance.nullNode());

            assertEquals(List.of("type"), keywords(violations));
            assertEquals(List.of(""), pointers(violations));
        }
    }

    @Nested
    class Violations {

        @Test
        void comeInPointerOrderOneForEachProblem() {
            ObjectNode tree = Samples.validEnvironmentsTree();
            tree.put("version", 0).put("source", "aws.ec2").put("time", "2023-02-30T00:00:00Z").remove("region");
            ArrayNode list = (ArrayNode) tree.get("detail").get("valid_environments");
            for (int i = 0; i < 8; i++) {
                list.addObject().put("cloudfront_id", "E" + i).put("environment_name", "env" + i);
            }
            ((ObjectNode) list.get(1)).put("environment_name", "");

            List<SchemaViolation> violations = CoherenceSchemas.validate(tree);

            // Pointer order: member names alphabetically, array indices as numbers, a parent before its members.
            assertEquals(List.of(
                    "/detail/valid_environments/1/environment_name",
                    "/detail/valid_environments/4/application_name",
                    "/detail/valid_environments/5/application_name",
                    "/detail/valid_environments/6/application_name",
                    "/detail/valid_environments/7/application_name",
                    "/detail/valid_environments/8/application_name",
                    "/detail/valid_environments/9/application_name",
                    "/detail/valid_environments/10/application_name",
                    "/detail/valid_environments/11/application_name",
                    "/region", "/source", "/time", "/version"), pointers(violations));
            List<SchemaViolation> sorted = new ArrayList<>(violations);
            sorted.sort(null);
            assertEquals(sorted, violations);
            assertEquals(violations, CoherenceSchemas.validate(Samples.json(tree)), "the same for text and trees");
        }

        @Test
        void sayWhatIsWrongAndWhatTheSchemaExpects() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("source", "aws.ec2").put("account", "").put("time", "2023-02-29T00:00:00Z").remove("region");
            ((ObjectNode) tree.get("detail").get("new_environments").get(0)).put("cloudfront_id", 42);

            List<SchemaViolation> violations = CoherenceSchemas.validate(tree);

            assertEquals(List.of(
                    new SchemaViolation("/account", "minLength", "expected a non-empty string but found \"\". "
                            + description("CoherenceEvent", "account")),
                    new SchemaViolation(ENV0 + "/cloudfront_id", "type", "expected a string but found the number 42. "
                            + description("Environment", "cloudfront_id")),
                    new SchemaViolation("/region", "required", "missing required member \"region\". "
                            + description("CoherenceEvent", "region")),
                    new SchemaViolation("/source", "enum", "expected \"Coherence\" but found the string \"aws.ec2\". "
                            + description("CoherenceEvent", "source")),
                    new SchemaViolation("/time", "pattern", "found the string \"2023-02-29T00:00:00Z\", which does "
                            + "not have the required form. " + description("CoherenceEvent", "time"))), violations);
            assertTrue(violations.get(3).message().contains("{\"source\": [\"Coherence\"]}"),
                    "says how to select only Coherence events");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "5        | expected a string but found the number 5.",
            "-1.5e3   | expected a string but found the number -1500.0.",
            "true     | expected a string but found true.",
            "false    | expected a string but found false.",
            "null     | expected a string but found null.",
            "[1]      | expected a string but found an array.",
            "{}       | expected a string but found an object."})
        void nameTheTypeAndValueTheyFound(String value, String problem) {
            String json = Samples.NEW_ENVIRONMENTS.replace("\"us-east-1\"", value);

            List<SchemaViolation> violations = CoherenceSchemas.validate(json);

            assertEquals(1, violations.size(), violations::toString);
            assertEquals("/region", violations.get(0).pointer());
            assertTrue(violations.get(0).message().startsWith(problem + " "), violations.get(0).message());
            assertTrue(violations.get(0).message().endsWith(description("CoherenceEvent", "region")));
        }

        @Test
        void nameTheTypesTheSchemaExpects() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("resources", "x");
            tree.put("detail", 7);

            List<SchemaViolation> violations = CoherenceSchemas.validate(tree);

            assertEquals(List.of("/detail", "/resources"), violations.stream().map(SchemaViolation::pointer).toList());
            assertTrue(violations.get(0).message().startsWith("expected an object but found the number 7."),
                    violations.get(0).message());
            assertTrue(violations.get(1).message().startsWith("expected an array but found the string \"x\"."),
                    violations.get(1).message());
        }

        @Test
        void quoteLongValuesShortly() {
            ObjectNode tree = Samples.newEnvironmentsTree();
            tree.put("source", "x".repeat(100_000));

            SchemaViolation violation = CoherenceSchemas.validate(tree).get(0);

            assertTrue(violation.message().length() < 600, violation.message());
            assertTrue(violation.message().contains("100000 characters"), violation.message());
        }

        @Test
        void areUnmodifiable() {
            List<SchemaViolation> violations = CoherenceSchemas.validate("[]");

            assertThrows(UnsupportedOperationException.class, () -> violations.add(violations.get(0)));
            assertThrows(UnsupportedOperationException.class, () -> CoherenceSchemas.validate("{}").clear());
        }

        private String description(String definition, String member) {
            return Samples.tree(CoherenceSchema.NEW_ENVIRONMENTS.json()).path("definitions").path(definition)
                    .path("properties").path(member).path("description").asText();
        }
    }

    @Nested
    class Threads {

        @Test
        void manyThreadsValidatingAtOnceGetTheSameResultsAsOne() throws Exception {
            List<byte[]> inputs = invalidDocuments().map(a -> (byte[]) a.get()[1]).toList();
            List<List<SchemaViolation>> expected = inputs.stream().map(CoherenceSchemas::validate).toList();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<List<SchemaViolation>>>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> inputs.stream().map(CoherenceSchemas::validate).toList()));
                }
                for (Future<List<List<SchemaViolation>>> result : results) {
                    assertEquals(expected, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * networknt is an optional dependency: the model must run without it, and CoherenceSchemas must then say what to
     * add. These tests run the model's real classes in a class loader that has Jackson but not networknt.
     */
    @Nested
    class WithoutTheValidator {

        @Test
        void validateSaysToAddJsonSchemaValidator20AndTheRestOfTheModelStillWorks() throws Exception {
            // The model's runtime closure as a user gets it: the model, jackson-core, jackson-databind and (through
            // databind, so found by name here) jackson-annotations; the platform's classes; and no networknt.
            URL annotations = location(Class.forName("com.fasterxml.jackson.annotation.JsonProperty"));
            try (URLClassLoader withoutNetworknt = new URLClassLoader(new URL[] {
                location(CoherenceSchemas.class), location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.databind.ObjectMapper.class), annotations},
                    ClassLoader.getPlatformClassLoader())) {
                assertFalse(CoherenceSchemas.isPresent(CoherenceSchemas.VALIDATOR_CLASS, withoutNetworknt));

                Class<?> schemas = withoutNetworknt.loadClass(CoherenceSchemas.class.getName());
                Method validate = schemas.getMethod("validate", String.class);
                Throwable failure = assertThrows(InvocationTargetException.class,
                        () -> validate.invoke(null, Samples.NEW_ENVIRONMENTS)).getCause();
                assertEquals(CoherenceEventException.class.getName(), failure.getClass().getName(), failure::toString);
                assertTrue(failure.getMessage().contains("com.networknt:json-schema-validator:2.0.x"),
                        failure.getMessage());
                assertTrue(failure.getMessage().contains("to your build"), failure.getMessage());
                Throwable again = assertThrows(InvocationTargetException.class,
                        () -> validate.invoke(null, Samples.NEW_ENVIRONMENTS)).getCause();
                assertEquals(failure.getMessage(), again.getMessage(), "the same answer on every call");

                Class<?> events = withoutNetworknt.loadClass(CoherenceEvents.class.getName());
                Object event = events.getMethod("parse", String.class).invoke(null, Samples.NEW_ENVIRONMENTS);
                assertEquals(NewEnvironmentsEvent.class.getName(), event.getClass().getName());
                Class<?> schemaEnum = withoutNetworknt.loadClass(CoherenceSchema.class.getName());
                Object envelope = schemaEnum.getMethod("valueOf", String.class).invoke(null, "ENVELOPE");
                assertEquals(CoherenceSchema.ENVELOPE.json(), schemaEnum.getMethod("json").invoke(envelope));
            }
        }

        @Test
        void findsTheValidatorWhenItIsThere() {
            assertTrue(CoherenceSchemas.isPresent(CoherenceSchemas.VALIDATOR_CLASS,
                    CoherenceSchemas.class.getClassLoader()));
            assertFalse(CoherenceSchemas.isPresent("com.networknt.schema.JsonSchemaFactory",
                    CoherenceSchemas.class.getClassLoader()), "1.x's entry point is not what we look for");
        }

        @Test
        void noClassOfTheModelButSchemaEngineRefersToNetworknt() throws IOException, java.net.URISyntaxException {
            Path classes = Path.of(location(CoherenceSchemas.class).toURI());
            Path packageDirectory = classes.resolve(CoherenceSchemas.class.getPackageName().replace('.', '/'));
            List<String> referring;
            try (Stream<Path> files = Files.list(packageDirectory)) {
                referring = files.filter(file -> file.toString().endsWith(".class"))
                        .filter(file -> contains(file, "com/networknt/"))
                        .map(file -> file.getFileName().toString())
                        .sorted()
                        .toList();
            }
            assertEquals(List.of("SchemaEngine$Compiled.class", "SchemaEngine.class"), referring);
        }

        private boolean contains(Path classFile, String text) {
            try {
                return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(text);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tables

    /** Invalid documents, each with one problem: name, input, the pointer of the problem, the keyword that fails. */
    static Stream<Arguments> invalidDocuments() {
        List<Arguments> cases = new ArrayList<>();
        // The envelope
        change(cases, "version missing", t -> t.remove("version"), "/version", "required");
        change(cases, "version empty", t -> t.put("version", ""), "/version", "minLength");
        change(cases, "version as a number", t -> t.put("version", 0), "/version", "type");
        change(cases, "id null", t -> t.putNull("id"), "/id", "type");
        change(cases, "detail-type missing", t -> t.remove("detail-type"), "/detail-type", "required");
        change(cases, "detail-type empty", t -> t.put("detail-type", ""), "/detail-type", "minLength");
        change(cases, "detail-type as an array", t -> t.putArray("detail-type").add("new_environments"),
                "/detail-type", "type");
        change(cases, "source missing", t -> t.remove("source"), "/source", "required");
        change(cases, "source of another sender", t -> t.put("source", "aws.ec2"), "/source", "enum");
        change(cases, "source in the wrong case", t -> t.put("source", "COHERENCE"), "/source", "enum");
        change(cases, "account empty", t -> t.put("account", ""), "/account", "minLength");
        change(cases, "account as a number", t -> t.put("account", 1234596789L), "/account", "type");
        change(cases, "region missing", t -> t.remove("region"), "/region", "required");
        change(cases, "region as a boolean", t -> t.put("region", true), "/region", "type");
        change(cases, "resources as a string", t -> t.put("resources", "arn:aws:x"), "/resources", "type");
        change(cases, "resources holding null", t -> t.putArray("resources").add("arn:aws:x").addNull(),
                "/resources/1", "type");
        change(cases, "detail missing", t -> t.remove("detail"), "/detail", "required");
        change(cases, "detail as an array", t -> t.putArray("detail"), "/detail", "type");
        change(cases, "detail null", t -> t.putNull("detail"), "/detail", "type");
        // The time: RFC 3339, on the calendar, as the parser reads it
        for (String time : List.of("2023-02-30T13:56:16Z", "2023-02-29T13:56:16Z", "1900-02-29T13:56:16Z",
                "2023-04-31T13:56:16Z", "2016-12-31T23:59:60Z", "2023-05-19T24:00:00Z", "2023-05-19T13:56:16",
                "2023-05-19 13:56:16Z", "2023-05-19T13:56:16.Z", "2023-05-19T13:56:16.1234567890Z",
                "2023-05-19T13:56:16+24:00", "2023-05-19T13:56:16+0200", "2023-05-19T13:56:16Z\n",
                "2023-05-19", "")) {
            change(cases, "time " + Samples.json(JsonNodeFactory.instance.textNode(time)), t -> t.put("time", time),
                    "/time", "pattern");
        }
        change(cases, "time as epoch seconds", t -> t.put("time", 1684504576), "/time", "type");
        // The detail of a known detail-type
        change(cases, "the environment list missing", t -> ((ObjectNode) t.get("detail")).remove("new_environments"),
                "/detail/new_environments", "required");
        change(cases, "the environment list null", t -> ((ObjectNode) t.get("detail")).putNull("new_environments"),
                "/detail/new_environments", "type");
        change(cases, "the environment list as an object",
                t -> ((ObjectNode) t.get("detail")).putObject("new_environments"), "/detail/new_environments", "type");
        change(cases, "an environment as a string",
                t -> ((ArrayNode) t.get("detail").get("new_environments")).set(0, t.textNode("main")), ENV0, "type");
        change(cases, "cloudfront_id missing", t -> env(t).remove("cloudfront_id"), ENV0 + "/cloudfront_id",
                "required");
        change(cases, "cloudfront_id empty", t -> env(t).put("cloudfront_id", ""), ENV0 + "/cloudfront_id",
                "minLength");
        change(cases, "environment_name as a number", t -> env(t).put("environment_name", 1),
                ENV0 + "/environment_name", "type");
        change(cases, "application_name missing", t -> env(t).remove("application_name"),
                ENV0 + "/application_name", "required");
        change(cases, "the fourth valid environment without a name", Samples.validEnvironmentsTree(),
                t -> ((ObjectNode) t.get("detail").get("valid_environments").get(3)).remove("environment_name"),
                "/detail/valid_environments/3/environment_name", "required");
        change(cases, "a valid_environments event listing new_environments", Samples.validEnvironmentsTree(),
                t -> ((ObjectNode) t.get("detail")).set("new_environments",
                        ((ObjectNode) t.get("detail")).remove("valid_environments")),
                "/detail/valid_environments", "required");
        // Not an event object
        text(cases, "an array", "[]", "", "type");
        text(cases, "a string", "\"Coherence\"", "", "type");
        // Not one well-formed JSON document, within the limits
        String sample = Samples.NEW_ENVIRONMENTS;
        text(cases, "empty input", "", "", "json");
        text(cases, "two events in one input", sample + sample, "", "json");
        text(cases, "a duplicate envelope key", sample.replace("\"account\"", "\"region\": \"x\", \"account\""),
                "/region", "json");
        text(cases, "a duplicate key deep in an unknown member",
                sample.replace("\"account\"", "\"extra\": {\"a\": [{\"b\": 1, \"b\": 2}]}, \"account\""),
                "/extra/a/0/b", "json");
        text(cases, "a duplicate key in an environment",
                sample.replace("\"environment_name\"", "\"cloudfront_id\": \"E9\", \"environment_name\""),
                ENV0 + "/cloudfront_id", "json");
        text(cases, "NaN", sample.replace("\"0\"", "NaN"), "/version", "json");
        text(cases, "truncated", sample.substring(0, sample.indexOf("\"environment_name\"")), ENV0 + "/cloudfront_id",
                "json");
        cases.add(Arguments.of("invalid UTF-8", utf8With(sample, "us-east-1", new byte[] {'u', (byte) 0xc3, '(' }),
                "/region", "json"));
        StringBuilder deep = new StringBuilder("\"deep\": ");
        deep.append("[".repeat(1_200)).append("]".repeat(1_200)).append(", \"account\"");
        text(cases, "nested deeper than EventBridge allows", sample.replace("\"account\"", deep), deepPointer(1_000),
                "json");
        text(cases, "a string longer than any event may hold",
                sample.replace("\"us-east-1\"", "\"" + "x".repeat(300 * 1024) + "\""), "/region", "json");
        text(cases, "a document longer than any event may be", sample.replace("\"us-east-1\"",
                "\"us-east-1\", \"padding\": [" + "\"yyyyyyyyyyyyyy\",".repeat(70_000) + "\"z\"]"), "", "json");
        return cases.stream();
    }

    /** Documents the parser accepts, each stretching a rule as far as it goes. */
    static Stream<Arguments> validDocuments() {
        List<Arguments> cases = new ArrayList<>();
        valid(cases, "members nobody knows yet at every level", t -> {
            t.putObject("replay-name").put("x", 1);
            ((ObjectNode) t.get("detail")).put("run_id", 42);
            env(t).put("status", "ready").putArray("urls").add("https://example.com");
        });
        valid(cases, "an empty environment list", t -> ((ObjectNode) t.get("detail")).putArray("new_environments"));
        valid(cases, "resources with ARNs", t -> t.putArray("resources").add("arn:aws:cloudfront::1:distribution/A"));
        valid(cases, "an empty resource ARN", t -> t.putArray("resources").add(""));
        valid(cases, "a 12-digit account", t -> t.put("account", "123456789012"));
        valid(cases, "an unknown detail-type with any detail object", t -> {
            t.put("detail-type", "deleted_environments");
            t.putObject("detail").put("deleted", true);
        });
        valid(cases, "an unknown detail-type with an empty detail", t -> {
            t.put("detail-type", "x");
            t.putObject("detail");
        });
        valid(cases, "the detail before the detail-type", t -> {
            JsonNode detail = t.remove("detail");
            ObjectNode copy = t.deepCopy();
            t.removeAll();
            t.set("detail", detail);
            t.setAll(copy);
        });
        for (String time : List.of("2023-05-19T13:56:16.1Z", "2023-05-19T13:56:16.123456789Z",
                "2023-05-19t13:56:16z", "2023-05-19T15:56:16+02:00", "2023-05-19T08:26:16.25-05:30",
                "2023-05-19T13:56:16-00:00", "2023-05-19T13:56:16+23:59", "2024-02-29T00:00:00Z",
                "2000-02-29T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            valid(cases, "time " + time, t -> t.put("time", time));
        }
        cases.add(Arguments.of("the documented valid_environments event", Samples.VALID_ENVIRONMENTS));
        return cases.stream();
    }

    /** Time strings near every edge of the parser's rule: the calendar, the clock, fractions, zones, separators. */
    private static List<String> times() {
        Set<String> times = new LinkedHashSet<>();
        for (String year : List.of("0000", "0004", "1900", "1996", "2000", "2023", "2024", "2100", "2400", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    times.add(String.format("%s-%02d-%02dT12:00:00Z", year, month, day));
                }
            }
        }
        for (int hour = 0; hour <= 25; hour++) {
            for (int minute : new int[] {0, 9, 59, 60, 99}) {
                for (int second : new int[] {0, 30, 59, 60, 61}) {
                    times.add(String.format("2023-05-19T%02d:%02d:%02dZ", hour, minute, second));
                }
            }
        }
        for (int digits = 0; digits <= 11; digits++) {
            times.add("2023-05-19T13:56:16." + "1234567890a".substring(0, digits) + "Z");
            times.add("2023-05-19T13:56:16." + "9".repeat(digits) + "+01:00");
        }
        for (String zone : List.of("Z", "z", "+00:00", "-00:00", "+01:00", "-12:30", "+23:59", "-23:59", "+24:00",
                "+18:01", "+05:60", "+0100", "+01", "+1:00", "", "ZZ", " Z", "Z ", "Z\n", "\nZ", "+01:00Z", "UTC",
                "GMT", "-", "+", "Z0")) {
            times.add("2023-05-19T13:56:16" + zone);
            times.add("2023-05-19T13:56:16.5" + zone);
        }
        for (String separator : List.of("T", "t", " ", "_", "TT", "")) {
            times.add("2023-05-19" + separator + "13:56:16Z");
        }
        String base = "2023-05-19T13:56:16.123+02:00";
        for (int i = 0; i < base.length(); i++) {
            times.add(base.substring(0, i));
            times.add(base.substring(0, i) + base.substring(i + 1));
            times.add(base.substring(0, i) + 'x' + base.substring(i + 1));
            times.add(base.substring(0, i) + '٣' + base.substring(i + 1));
        }
        times.add("+2023-05-19T13:56:16Z");
        times.add("12023-05-19T13:56:16Z");
        times.add("2023-5-19T13:56:16Z");
        return List.copyOf(times);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static List<String> pointers(List<SchemaViolation> violations) {
        return violations.stream().map(SchemaViolation::pointer).collect(Collectors.toList());
    }

    private static List<String> keywords(List<SchemaViolation> violations) {
        return violations.stream().map(SchemaViolation::keyword).collect(Collectors.toList());
    }

    private static ObjectNode env(ObjectNode tree) {
        return (ObjectNode) tree.get("detail").get("new_environments").get(0);
    }

    private static void change(List<Arguments> cases, String name, Consumer<ObjectNode> change, String pointer,
            String keyword) {
        change(cases, name, Samples.newEnvironmentsTree(), change, pointer, keyword);
    }

    private static void change(List<Arguments> cases, String name, ObjectNode tree, Consumer<ObjectNode> change,
            String pointer, String keyword) {
        change.accept(tree);
        text(cases, name, Samples.json(tree), pointer, keyword);
    }

    private static void text(List<Arguments> cases, String name, String json, String pointer, String keyword) {
        cases.add(Arguments.of(name, json.getBytes(StandardCharsets.UTF_8), pointer, keyword));
    }

    private static void valid(List<Arguments> cases, String name, Consumer<ObjectNode> change) {
        ObjectNode tree = Samples.newEnvironmentsTree();
        change.accept(tree);
        cases.add(Arguments.of(name, Samples.json(tree)));
    }

    private static byte[] utf8With(String text, String target, byte[] replacement) {
        int at = text.indexOf(target);
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + target.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + replacement.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(replacement, 0, out, head.length, replacement.length);
        System.arraycopy(tail, 0, out, head.length + replacement.length, tail.length);
        return out;
    }

    private static String deepPointer(int depth) {
        StringBuilder pointer = new StringBuilder("/deep");
        for (int i = 1; i < depth; i++) {
            pointer.append("/0");
        }
        return pointer.toString();
    }
}
