package com.withcoherence.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Validates JSON documents against the Coherence JSON Schemas ({@link CoherenceSchema}) and reports every violation
 * with its JSON pointer, for checking events before publishing them, in contract tests, or wherever a list of all
 * problems is more useful than the first one {@link CoherenceEvents#parse(String)} stops at.
 *
 * <pre>{@code
 * List<SchemaViolation> violations = CoherenceSchemas.validate(json);
 * if (!violations.isEmpty()) {
 *     violations.forEach(v -> System.err.println(v.pointer() + ": " + v.message()));
 * }
 * }</pre>
 *
 * <p><b>Dependency.</b> This class needs {@code com.networknt:json-schema-validator} 2.0.x, an optional dependency of
 * the model: add it to your build to use this class. Without it, every method throws a
 * {@link CoherenceEventException} that says so; the rest of the model never loads it.
 *
 * <p><b>Which schema.</b> {@code validate(json)} picks the schema by the document's {@code detail-type}:
 * {@link CoherenceSchema#NEW_ENVIRONMENTS} for {@value CoherenceBus#NEW_ENVIRONMENTS},
 * {@link CoherenceSchema#VALID_ENVIRONMENTS} for {@value CoherenceBus#VALID_ENVIRONMENTS}, and
 * {@link CoherenceSchema#ENVELOPE} for any other value, or when there is none. {@code validate(schema, json)} uses the
 * schema you name.
 *
 * <p><b>Agreement with the parser.</b> The input is read as strictly as {@link CoherenceEvents} reads it: text that is
 * not well-formed JSON, content after the document, a duplicate key, invalid UTF-8, text over 1 MiB, a string over
 * 256 KiB or more than 1,000 levels of nesting give one violation with keyword {@value SchemaViolation#JSON_KEYWORD},
 * at the pointer the parser names, and no schema is applied. A document read without such a problem has no violations
 * exactly when {@code CoherenceEvents.parse} accepts it, with one known difference: the parser also accepts a
 * {@code detail} sent as a JSON string holding the object, but EventBridge always delivers the detail as an object,
 * and the schemas describe that wire form, so a string detail is a {@code type} violation here. Times are checked by
 * the schemas' {@code pattern}, which states the parser's rule exactly (RFC 3339, a date that exists, seconds 00 to
 * 59, an offset up to ±23:59); their {@code format: date-time} is documentation for other tools and is not asserted
 * here, because networknt's check of it would also reject the offsets beyond ±18:00 and {@code -00:00} that the
 * parser accepts.
 *
 * <p><b>Threads and cost.</b> This class is stateless and thread-safe. The schemas are compiled once, by the first
 * call, and shared by all threads; later calls only read the document and walk the compiled schemas.
 */
public final class CoherenceSchemas {

    /** The class whose presence says networknt 2.0.x is on the class path (1.x named its entry point differently). */
    static final String VALIDATOR_CLASS = "com.networknt.schema.SchemaRegistry";

    private CoherenceSchemas() {
    }

    /**
     * Validates JSON text against the schema of its detail-type.
     *
     * @param json the document, e.g. an event as EventBridge delivers it; must not be {@code null}
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null}, or if json-schema-validator 2.0.x is not on
     *     the class path
     */
    public static List<SchemaViolation> validate(String json) {
        return validateInput(null, Checks.argument(json, "json"));
    }

    /**
     * Validates JSON bytes (UTF-8, as EventBridge sends them, or UTF-16/32) against the schema of their detail-type.
     *
     * @param json the document's bytes; must not be {@code null}
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if {@code json} is {@code null}, or if json-schema-validator 2.0.x is not on
     *     the class path
     */
    public static List<SchemaViolation> validate(byte[] json) {
        return validateInput(null, Checks.argument(json, "json"));
    }

    /**
     * Validates a Jackson tree against the schema of its detail-type.
     *
     * @param document the document's tree; must not be {@code null} (a JSON {@code null} is a {@code NullNode})
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if {@code document} is {@code null}, or if json-schema-validator 2.0.x is not
     *     on the class path
     */
    public static List<SchemaViolation> validate(JsonNode document) {
        return validateInput(null, Checks.argument(document, "document"));
    }

    /**
     * Validates JSON text against the given schema, whatever its detail-type.
     *
     * @param schema the schema to apply; must not be {@code null}
     * @param json the document; must not be {@code null}
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if an argument is {@code null}, or if json-schema-validator 2.0.x is not on the
     *     class path
     */
    public static List<SchemaViolation> validate(CoherenceSchema schema, String json) {
        return validateInput(Checks.argument(schema, "schema"), Checks.argument(json, "json"));
    }

    /**
     * Validates JSON bytes against the given schema, whatever their detail-type.
     *
     * @param schema the schema to apply; must not be {@code null}
     * @param json the document's bytes; must not be {@code null}
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if an argument is {@code null}, or if json-schema-validator 2.0.x is not on the
     *     class path
     */
    public static List<SchemaViolation> validate(CoherenceSchema schema, byte[] json) {
        return validateInput(Checks.argument(schema, "schema"), Checks.argument(json, "json"));
    }

    /**
     * Validates a Jackson tree against the given schema, whatever its detail-type.
     *
     * @param schema the schema to apply; must not be {@code null}
     * @param document the document's tree; must not be {@code null}
     * @return the violations, in pointer order ({@link SchemaViolation#compareTo}); an unmodifiable list, empty when
     *     the document is valid, never {@code null}
     * @throws CoherenceEventException if an argument is {@code null}, or if json-schema-validator 2.0.x is not on the
     *     class path
     */
    public static List<SchemaViolation> validate(CoherenceSchema schema, JsonNode document) {
        return validateInput(Checks.argument(schema, "schema"), Checks.argument(document, "document"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Reads (text, bytes) or checks (a tree) the input as strictly as the parser, then applies {@code schema}; a
     * problem with the input itself is the one violation.
     */
    private static List<SchemaViolation> validateInput(CoherenceSchema schema, Object input) {
        requireValidator();
        JsonNode document;
        try {
            if (input instanceof String) {
                document = StrictJson.read((String) input);
            } else if (input instanceof byte[]) {
                document = StrictJson.read((byte[]) input);
            } else {
                document = (JsonNode) input;
                StrictJson.check(document);
            }
        } catch (CoherenceEventException e) {
            return List.of(new SchemaViolation(e.pointer(), SchemaViolation.JSON_KEYWORD, e.problem()));
        }
        return validateTree(schema, document);
    }

    /** Applies {@code schema}, or the schema of the document's detail-type when {@code schema} is {@code null}. */
    private static List<SchemaViolation> validateTree(CoherenceSchema schema, JsonNode document) {
        CoherenceSchema chosen = schema;
        if (chosen == null) {
            JsonNode detailType = document.path("detail-type");
            chosen = CoherenceSchema.forDetailType(detailType.isTextual() ? detailType.textValue() : null);
        }
        return SchemaEngine.validate(chosen, document);
    }

    /** Fails with a message that says what to add when networknt is absent, or is a version we cannot use. */
    private static void requireValidator() {
        if (!ValidatorPresence.PRESENT) {
            throw missingValidator(null);
        }
        try {
            SchemaEngine.load();
        } catch (LinkageError e) {
            // Present but unusable (another major version, whose classes do not fit ours): linking SchemaEngine
            // fails before it can report anything itself.
            throw missingValidator(e);
        }
    }

    /** The failure of every method when networknt 2.0.x is missing ({@code cause} null) or unusable. */
    static CoherenceEventException missingValidator(Throwable cause) {
        String found = cause == null ? ", and it is not there"
                : ", but the version found cannot be used (" + cause + ")";
        return CoherenceEventException.about("Missing dependency", "", "CoherenceSchemas needs com.networknt:json-schema-validator:2.0.x on "
                + "the class path" + found + ". Add the dependency com.networknt:json-schema-validator:2.0.8 (any "
                + "2.0.x; not 1.x, whose API differs, nor 3.x, which needs Jackson 3) to your build. Parsing events "
                + "with CoherenceEvents needs only Jackson.", cause);
    }

    /** Whether {@code className} can be loaded by {@code loader}, without initialising it. */
    static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Looks for networknt once, on the first validation; the JVM initialises this holder lazily and only once. */
    private static final class ValidatorPresence {
        static final boolean PRESENT = isPresent(VALIDATOR_CLASS, CoherenceSchemas.class.getClassLoader());
    }
}
