package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoherenceSchemaTest {

    /** Every keyword of JSON Schema draft-04 (validation and hyper-schema core, and annotations). */
    private static final Set<String> DRAFT_04_KEYWORDS = Set.of("$schema", "id", "$ref", "title", "description",
            "default", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
            "minLength", "pattern", "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "maxProperties",
            "minProperties", "required", "additionalProperties", "definitions", "properties", "patternProperties",
            "dependencies", "enum", "type", "allOf", "anyOf", "oneOf", "not", "format");

    /** CreateSchema's {@code Content} is at most 100,000 characters (Schema Registry API model). */
    private static final int MAX_REGISTRY_CONTENT = 100_000;

    @Nested
    class TheFiles {

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void thePackagedSchemaIsTheFileUnderSchemas(CoherenceSchema schema) throws IOException {
            Path file = schemasDirectory().resolve(schema.fileName());
            byte[] packaged;
            try (InputStream in = CoherenceSchema.class.getClassLoader().getResourceAsStream(schema.resourceName())) {
                assertNotNull(in, schema.resourceName());
                packaged = in.readAllBytes();
            }

            assertTrue(Arrays.equals(Files.readAllBytes(file), packaged), file + " and " + schema.resourceName());
            assertEquals(Files.readString(file), schema.json());
        }

        @Test
        void theSchemasDirectoryHoldsExactlyTheThreeSchemas() throws IOException {
            Set<String> jsonFiles;
            try (var files = Files.list(schemasDirectory())) {
                jsonFiles = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> expected = Arrays.stream(CoherenceSchema.values()).map(CoherenceSchema::fileName)
                    .collect(Collectors.toCollection(TreeSet::new));

            assertEquals(expected, jsonFiles);
        }

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void isADraft04SchemaWithIdTitleAndDescription(CoherenceSchema schema) {
            JsonNode tree = tree(schema);

            assertEquals("http://json-schema.org/draft-04/schema#", tree.path("$schema").asText());
            assertEquals("https://withcoherence.com/schemas/events/" + schema.fileName(), tree.path("id").asText());
            assertFalse(tree.path("title").asText().isEmpty());
            assertFalse(tree.path("description").asText().isEmpty());
            assertTrue(schema.json().length() <= MAX_REGISTRY_CONTENT, "the Schema Registry takes at most "
                    + MAX_REGISTRY_CONTENT + " characters");
        }

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void isValidAgainstTheDraft04MetaSchema(CoherenceSchema schema) {
            Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(SchemaLocation.of("http://json-schema.org/draft-04/schema#"));

            assertEquals(List.of(), metaSchema.validate(tree(schema)));
        }

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void usesOnlyDraft04KeywordsAndNeverForbidsUnknownMembers(CoherenceSchema schema) {
            List<String> problems = new ArrayList<>();
            walkSchemas(tree(schema), "", (pointer, subschema) -> {
                subschema.fieldNames().forEachRemaining(keyword -> {
                    if (!DRAFT_04_KEYWORDS.contains(keyword)) {
                        problems.add(pointer + " uses " + keyword + ", which is not a draft-04 keyword");
                    }
                });
                if (subschema.path("type").asText().equals("object")
                        && !subschema.path("additionalProperties").equals(Samples.tree("true"))) {
                    problems.add(pointer + " must say \"additionalProperties\": true (Coherence may add members)");
                }
            });

            assertEquals(List.of(), problems);
        }

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void isSelfContainedEveryReferencePointsInsideTheFile(CoherenceSchema schema) {
            JsonNode tree = tree(schema);
            List<String> refs = new ArrayList<>();
            walkSchemas(tree, "", (pointer, subschema) -> {
                if (subschema.has("$ref")) {
                    refs.add(subschema.get("$ref").asText());
                }
            });

            assertFalse(refs.isEmpty());
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/"), ref + " must be a reference inside the file");
                assertFalse(tree.at(ref.substring(1)).isMissingNode(), ref + " must resolve");
            }
        }

        @Test
        void theEnvelopeDefinitionIsIdenticalInAllThreeFilesAndTheEnvironmentInBothEvents() {
            JsonNode envelope = tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent");
            JsonNode environment = tree(CoherenceSchema.NEW_ENVIRONMENTS).at("/definitions/Environment");

            assertTrue(envelope.isObject());
            assertTrue(environment.isObject());
            for (CoherenceSchema schema : CoherenceSchema.values()) {
                assertEquals(envelope, tree(schema).at("/definitions/CoherenceEvent"), schema.fileName());
                assertEquals("#/definitions/CoherenceEvent", tree(schema).at("/allOf/0/$ref").asText());
                assertEquals(1, tree(schema).path("allOf").size());
            }
            assertEquals(environment, tree(CoherenceSchema.VALID_ENVIRONMENTS).at("/definitions/Environment"));
        }

        @Test
        void putsNoPatternOnAccountOrCloudfrontIdBecauseTheSamplesUseNonAwsValues() {
            JsonNode tree = tree(CoherenceSchema.NEW_ENVIRONMENTS);

            assertFalse(tree.at("/definitions/CoherenceEvent/properties/account").has("pattern"));
            assertFalse(tree.at("/definitions/Environment/properties/cloudfront_id").has("pattern"));
        }
    }

    @Nested
    class TheConstants {

        @Test
        void choosesTheSchemaByDetailType() {
            assertEquals(CoherenceSchema.NEW_ENVIRONMENTS, CoherenceSchema.forDetailType("new_environments"));
            assertEquals(CoherenceSchema.VALID_ENVIRONMENTS, CoherenceSchema.forDetailType("valid_environments"));
            assertEquals(CoherenceSchema.ENVELOPE, CoherenceSchema.forDetailType("deleted_environments"));
            assertEquals(CoherenceSchema.ENVELOPE, CoherenceSchema.forDetailType("NEW_ENVIRONMENTS"));
            assertEquals(CoherenceSchema.ENVELOPE, CoherenceSchema.forDetailType(""));
            assertEquals(CoherenceSchema.ENVELOPE, CoherenceSchema.forDetailType(null));
        }

        @ParameterizedTest
        @EnumSource(CoherenceSchema.class)
        void theDetailTypeIsTheOneTheSchemaFixes(CoherenceSchema schema) {
            JsonNode fixed = tree(schema).at("/properties/detail-type/enum");

            assertEquals(schema.detailType(), fixed.isMissingNode() ? Optional.empty()
                    : Optional.of(fixed.get(0).asText()));
            schema.detailType().ifPresent(type -> assertEquals(schema, CoherenceSchema.forDetailType(type)));
        }

        @Test
        void namesFilesAndResources() {
            assertEquals("new-environments.json", CoherenceSchema.NEW_ENVIRONMENTS.fileName());
            assertEquals("com/withcoherence/events/model/schemas/coherence-event.json",
                    CoherenceSchema.ENVELOPE.resourceName());
            assertEquals(Optional.of(CoherenceBus.VALID_ENVIRONMENTS), CoherenceSchema.VALID_ENVIRONMENTS.detailType());
        }

        @Test
        void returnsTheSameTextEveryTime() {
            assertTrue(CoherenceSchema.VALID_ENVIRONMENTS.json() == CoherenceSchema.VALID_ENVIRONMENTS.json());
        }
    }

    /**
     * The schemas and the records describe the same data: every schema property is a component or accessor of the
     * records (JSON name to Java name: {@code detail-type} to {@code detailType}, {@code cloudfront_id} to
     * {@code cloudfrontId}) and every component is a schema property; and a property is required exactly when the
     * parser rejects an event without it.
     */
    @Nested
    class AgreementWithTheRecords {

        @Test
        void everyEnvelopePropertyIsAnAccessorOfEveryEventAndBack() {
            Map<String, String> envelope = javaNames(envelopeProperties());
            envelope.remove("detail"); // the detail is typed per event: see the next tests

            Set<String> accessors = accessorNames(CoherenceEvent.class);
            // The envelope's unknown members are what "additionalProperties": true allows, not a property.
            assertTrue(accessors.remove("unknownMembers"), "CoherenceEvent keeps the envelope's unknown members");
            assertEquals(accessors, Set.copyOf(envelope.values()), "CoherenceEvent's accessors");
            for (Class<?> record : List.of(NewEnvironmentsEvent.class, ValidEnvironmentsEvent.class,
                    UnknownCoherenceEvent.class)) {
                for (String javaName : envelope.values()) {
                    assertAccessor(record, javaName);
                }
            }
        }

        @Test
        void everyEnvelopePropertyHasTheJavaTypeItsSchemaTypeMeans() throws NoSuchMethodException {
            JsonNode properties = tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent/properties");
            for (Map.Entry<String, String> property : javaNames(envelopeProperties()).entrySet()) {
                if (property.getKey().equals("detail")) {
                    continue;
                }
                JsonNode schema = properties.get(property.getKey());
                Class<?> expected = switch (schema.path("type").asText()) {
                    case "string" -> schema.path("format").asText().equals("date-time") ? Instant.class : String.class;
                    case "array" -> List.class;
                    default -> Object.class;
                };
                assertEquals(expected, CoherenceEvent.class.getMethod(property.getValue()).getReturnType(),
                        property.getKey());
            }
        }

        @Test
        void theEventRecordsComponentsAreExactlyTheirSchemasProperties() {
            assertRecordMatchesSchema(NewEnvironmentsEvent.class, CoherenceSchema.NEW_ENVIRONMENTS);
            assertRecordMatchesSchema(ValidEnvironmentsEvent.class, CoherenceSchema.VALID_ENVIRONMENTS);
            assertRecordMatchesSchema(UnknownCoherenceEvent.class, CoherenceSchema.ENVELOPE);
        }

        @Test
        void environmentsComponentsAreExactlyTheEnvironmentProperties() {
            for (CoherenceSchema schema : List.of(CoherenceSchema.NEW_ENVIRONMENTS,
                    CoherenceSchema.VALID_ENVIRONMENTS)) {
                Map<String, String> properties =
                        javaNames(fieldNames(tree(schema).at("/definitions/Environment/properties")));

                assertEquals(componentNames(Environment.class), Set.copyOf(properties.values()), schema.fileName());
                for (RecordComponent component : Environment.class.getRecordComponents()) {
                    if (!component.getName().equals("unknownMembers")) {
                        assertEquals(String.class, component.getType(), component.getName());
                    }
                }
                assertTrue(tree(schema).at("/definitions/Environment/additionalProperties").asBoolean(),
                        "what Environment.unknownMembers keeps, the schema allows");
            }
        }

        @Test
        void aPropertyIsRequiredExactlyWhenTheParserRejectsAnEventWithoutIt() {
            assertRequiredAgreesWithTheParser(tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent"),
                    Samples.newEnvironmentsTree(), "");
            assertRequiredAgreesWithTheParser(tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent"),
                    Samples.validEnvironmentsTree(), "");
            assertRequiredAgreesWithTheParser(
                    tree(CoherenceSchema.NEW_ENVIRONMENTS).at("/definitions/NewEnvironmentsDetail"),
                    Samples.newEnvironmentsTree(), "/detail");
            assertRequiredAgreesWithTheParser(
                    tree(CoherenceSchema.VALID_ENVIRONMENTS).at("/definitions/ValidEnvironmentsDetail"),
                    Samples.validEnvironmentsTree(), "/detail");
            assertRequiredAgreesWithTheParser(tree(CoherenceSchema.NEW_ENVIRONMENTS).at("/definitions/Environment"),
                    Samples.newEnvironmentsTree(), "/detail/new_environments/0");
            assertRequiredAgreesWithTheParser(tree(CoherenceSchema.VALID_ENVIRONMENTS).at("/definitions/Environment"),
                    Samples.validEnvironmentsTree(), "/detail/valid_environments/2");
        }

        @Test
        void theSourceTheSchemasFixIsTheBusConstant() {
            JsonNode source = tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent/properties/source/enum");
            assertEquals(List.of(CoherenceBus.SOURCE), List.of(source.get(0).asText()));
            assertEquals(1, source.size());
        }

        /**
         * A record's components, mapped to schema properties: envelope members by name; the environment list of a
         * known event is {@code detail/<detail-type>}; an unknown event keeps its whole {@code detail} as
         * {@code detailJson}. {@code detail-type} and {@code source} are accessors, fixed by the record's type.
         */
        private void assertRecordMatchesSchema(Class<? extends Record> record, CoherenceSchema schema) {
            Map<String, String> properties = javaNames(envelopeProperties());
            properties.remove("detail");
            schema.detailType().ifPresentOrElse(type -> {
                JsonNode detail = tree(schema).at("/definitions/" + Character.toUpperCase(type.charAt(0))
                        + javaName(type).substring(1) + "Detail/properties");
                assertEquals(List.of(type), fieldNames(detail), "the detail lists the environments only");
                properties.put("detail/" + type, "environments");
            }, () -> properties.put("detail", "detailJson"));

            Set<String> components = componentNames(record);
            Set<String> fixedByType = Set.of("detailType", "source");
            if (schema.detailType().isPresent()) {
                assertEquals(components, properties.values().stream().filter(n -> !fixedByType.contains(n))
                        .collect(Collectors.toSet()), record.getSimpleName());
            } else {
                assertEquals(components, properties.values().stream().filter(n -> !n.equals("source"))
                        .collect(Collectors.toSet()), record.getSimpleName());
            }
            for (String javaName : properties.values()) {
                assertAccessor(record, javaName);
            }
        }

        private void assertRequiredAgreesWithTheParser(JsonNode objectSchema, ObjectNode sample, String at) {
            Set<String> required = new TreeSet<>();
            objectSchema.path("required").forEach(name -> required.add(name.asText()));
            List<String> properties = fieldNames(objectSchema.path("properties"));
            assertTrue(properties.containsAll(required), "every required member is described");
            for (String property : properties) {
                ObjectNode without = sample.deepCopy();
                ((ObjectNode) without.at(at)).remove(property);
                boolean rejected;
                try {
                    CoherenceEvents.parse(Samples.json(without));
                    rejected = false;
                } catch (CoherenceEventException e) {
                    rejected = true;
                    assertEquals(at + "/" + property, e.pointer(), e::getMessage);
                }
                assertEquals(required.contains(property), rejected, at + "/" + property);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static JsonNode tree(CoherenceSchema schema) {
        return Samples.tree(schema.json());
    }

    /** The repository's {@code schemas/} directory; tests run in the module's directory. */
    static Path schemasDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../schemas")
                .normalize();
    }

    private static List<String> envelopeProperties() {
        return fieldNames(tree(CoherenceSchema.ENVELOPE).at("/definitions/CoherenceEvent/properties"));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON names to Java names, in schema order. */
    private static Map<String, String> javaNames(List<String> jsonNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String jsonName : jsonNames) {
            names.put(jsonName, javaName(jsonName));
        }
        return names;
    }

    /** {@code detail-type} to {@code detailType}, {@code cloudfront_id} to {@code cloudfrontId}. */
    static String javaName(String jsonName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : jsonName.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * A record's components, without its unknown members: those hold what the schemas allow beyond their properties
     * ({@code "additionalProperties": true}), not a property.
     */
    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getType() != UnknownMembers.class)
                .map(RecordComponent::getName).collect(Collectors.toSet());
    }

    /** The public, non-static, zero-argument, value-returning methods an interface declares. */
    private static Set<String> accessorNames(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0 && method.getReturnType() != void.class) {
                names.add(method.getName());
            }
        }
        return names;
    }

    private static void assertAccessor(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            assertTrue(method.getReturnType() != void.class, type.getSimpleName() + "." + name + "()");
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no accessor " + name + "()", e);
        }
    }

    /** Calls {@code visitor} for every schema object in {@code schema}, with its pointer inside the file. */
    private static void walkSchemas(JsonNode schema, String pointer, SchemaVisitor visitor) {
        if (!schema.isObject()) {
            return;
        }
        visitor.visit(pointer, schema);
        for (String mapKeyword : List.of("properties", "definitions", "patternProperties")) {
            for (Map.Entry<String, JsonNode> member : schema.path(mapKeyword).properties()) {
                walkSchemas(member.getValue(), pointer + "/" + mapKeyword + "/" + member.getKey(), visitor);
            }
        }
        for (String listKeyword : List.of("allOf", "anyOf", "oneOf", "items")) {
            JsonNode list = schema.path(listKeyword);
            for (int i = 0; list.isArray() && i < list.size(); i++) {
                walkSchemas(list.get(i), pointer + "/" + listKeyword + "/" + i, visitor);
            }
        }
        for (String schemaKeyword : List.of("items", "not", "additionalProperties", "additionalItems")) {
            walkSchemas(schema.path(schemaKeyword), pointer + "/" + schemaKeyword, visitor);
        }
    }

    @FunctionalInterface
    private interface SchemaVisitor {
        void visit(String pointer, JsonNode schema);
    }

    @Test
    void javaNamesFollowTheRecordsConvention() {
        assertEquals("detailType", javaName("detail-type"));
        assertEquals("cloudfrontId", javaName("cloudfront_id"));
        assertEquals("version", javaName("version"));
        assertThrows(AssertionError.class, () -> assertAccessor(Environment.class, "cloudfront_id"));
    }
}
