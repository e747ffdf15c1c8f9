package com.withcoherence.events.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The only class of the model that touches {@code com.networknt:json-schema-validator}. {@link CoherenceSchemas}
 * reaches it only after checking the library is on the class path, so that the model's other classes run with Jackson
 * alone.
 *
 * <p>The three schemas are compiled once, when this class initialises; networknt's compiled schemas are immutable and
 * may validate concurrently.
 */
final class SchemaEngine {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final Map<CoherenceSchema, Compiled> SCHEMAS;

    /** Why compiling failed, kept so that every call reports the cause, not only the first. */
    private static final Throwable FAILURE;

    static {
        Map<CoherenceSchema, Compiled> schemas = null;
        Throwable failure = null;
        try {
            schemas = compileAll();
        } catch (RuntimeException | LinkageError e) {
            failure = e;
        }
        SCHEMAS = schemas;
        FAILURE = failure;
    }

    private SchemaEngine() {
    }

    /** A compiled schema and the tree it came from (to find the description of a failing member). */
    private static final class Compiled {
        final Schema schema;
        final JsonNode tree;

        Compiled(Schema schema, JsonNode tree) {
            this.schema = schema;
            this.tree = tree;
        }
    }

    /**
     * Compiles the schemas on the first call, and reports why they could not be compiled on every call.
     *
     * @throws CoherenceEventException if the networknt classes found cannot be used (another major version)
     * @throws IllegalStateException if the packaged schemas cannot be read or compiled (a damaged jar)
     */
    static void load() {
        if (FAILURE instanceof LinkageError) {
            throw CoherenceSchemas.missingValidator(FAILURE);
        }
        if (FAILURE != null) {
            throw new IllegalStateException("the Coherence JSON Schemas could not be loaded: " + FAILURE.getMessage(),
                    FAILURE);
        }
    }

    /**
     * Validates a tree already read and checked by {@link StrictJson}.
     *
     * @return the violations, deduplicated and sorted; empty when the document is valid
     */
    static List<SchemaViolation> validate(CoherenceSchema schema, JsonNode document) {
        Compiled compiled = SCHEMAS.get(schema);
        List<Error> errors = compiled.schema.validate(document);
        List<SchemaViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(violation(error, compiled.tree));
        }
        violations.sort(null);
        // A subschema and its parent may both check the same thing (the detail's type, in the envelope and in the
        // event's detail definition): one violation per pointer and keyword says it once.
        Set<String> seen = new HashSet<>();
        violations.removeIf(v -> !seen.add(v.pointer() + '\u0000' + v.keyword()));
        return List.copyOf(violations);
    }

    private static Map<CoherenceSchema, Compiled> compileAll() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // The time's pattern states the parser's rule exactly. networknt's date-time format (asserted by
                // default for draft-04) would also reject offsets beyond ±18:00 and "-00:00", which the parser and
                // RFC 3339 accept; it stays in the schemas as documentation for the Schema Registry and other tools.
                .formatAssertionsEnabled(false)
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(config));
        EnumMap<CoherenceSchema, Compiled> compiled = new EnumMap<>(CoherenceSchema.class);
        for (CoherenceSchema schema : CoherenceSchema.values()) {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(schema.json());
            } catch (IOException e) {
                throw new UncheckedIOException("the packaged JSON Schema " + schema.resourceName()
                        + " is not valid JSON", e);
            }
            // Registered under its own id, so its "#/definitions/..." references resolve inside the document and
            // nothing is ever fetched.
            Schema loaded = registry.getSchema(SchemaLocation.of(tree.path("id").asText()), tree);
            loaded.initializeValidators();
            compiled.put(schema, new Compiled(loaded, tree));
        }
        return compiled;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Messages: what is wrong, then the description the schema gives the member (what it expects, how to fix it).

    private static SchemaViolation violation(Error error, JsonNode schemaTree) {
        String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        JsonNode instance = error.getInstanceNode();
        JsonNode keywordValue = error.getSchemaNode();
        String subschema = parentPointer(fragment(error));
        String problem;
        switch (keyword) {
            case "required":
                String member = error.getProperty() != null ? error.getProperty() : String.valueOf(argument(error));
                pointer = pointer + "/" + EventReader.escape(member);
                subschema = subschema + "/properties/" + EventReader.escape(member);
                problem = "missing required member \"" + member + "\".";
                break;
            case "type":
                problem = "expected " + article(keywordValue) + " but found " + describe(instance) + ".";
                if ("/detail".equals(pointer) && instance != null && instance.isTextual()) {
                    problem += " (CoherenceEvents.parse also reads a detail sent as a JSON string, but EventBridge "
                            + "delivers the detail as an object, and that is what the schema describes.)";
                }
                break;
            case "minLength":
                problem = keywordValue != null && keywordValue.asInt() == 1
                        ? "expected a non-empty string but found \"\"."
                        : "expected at least " + keywordValue + " characters but found " + describe(instance) + ".";
                break;
            case "enum":
                problem = "expected " + oneOf(keywordValue) + " but found " + describe(instance) + ".";
                break;
            case "pattern":
                problem = "found " + describe(instance) + ", which does not have the required form.";
                break;
            case "format":
                problem = "found " + describe(instance) + ", which is not a valid " + keywordValue + ".";
                break;
            default:
                problem = error.getMessage() + ".";
                break;
        }
        String description = description(schemaTree, subschema);
        return new SchemaViolation(pointer, keyword, description.isEmpty() ? problem : problem + " " + description);
    }

    private static Object argument(Error error) {
        Object[] arguments = error.getArguments();
        return arguments == null || arguments.length == 0 ? "?" : arguments[0];
    }

    /** The JSON pointer, inside the schema document, of the keyword that failed. */
    private static String fragment(Error error) {
        SchemaLocation location = error.getSchemaLocation();
        if (location == null || location.getFragment() == null) {
            return "";
        }
        String fragment = location.getFragment().toString();
        return fragment.startsWith("/") ? fragment : "";
    }

    private static String parentPointer(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** The description of the subschema at {@code pointer}, or of its nearest ancestor schema that has one. */
    private static String description(JsonNode schemaTree, String pointer) {
        for (String at = pointer; ; at = parentPointer(at)) {
            JsonNode description = schemaTree.at(JsonPointer.compile(at)).path("description");
            if (description.isTextual()) {
                return description.textValue();
            }
            if (at.isEmpty()) {
                return "";
            }
        }
    }

    private static String article(JsonNode type) {
        String name = type == null ? "another type" : type.asText();
        switch (name) {
            case "object":
            case "array":
            case "integer":
                return "an " + name;
            case "string":
            case "number":
            case "boolean":
                return "a " + name;
            default:
                return name;
        }
    }

    private static String oneOf(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            return "an allowed value";
        }
        if (values.size() == 1) {
            return values.get(0).toString();
        }
        StringBuilder out = new StringBuilder("one of ");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(values.get(i).toString());
        }
        return out.toString();
    }

    /** Describes a value for a message: its JSON type, and a short quote of a scalar. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "the string " + EventReader.quote(value.textValue());
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isNull()) {
            return "null";
        }
        return value.asText();
    }
}
