package com.withcoherence.events.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The three JSON Schemas (draft-04) that describe Coherence events, and their text for uploading to the EventBridge
 * Schema Registry, which accepts only OpenAPI 3 and JSON Schema Draft 4.
 *
 * <pre>{@code
 * // Upload with the AWS SDK v2 (software.amazon.awssdk:schemas); the registry must exist:
 * schemasClient.createSchema(r -> r.registryName("coherence")
 *         .schemaName("coherence-new-environments")
 *         .type("JSONSchemaDraft4")
 *         .content(CoherenceSchema.NEW_ENVIRONMENTS.json()));
 * }</pre>
 *
 * <p>Each schema is one self-contained file (no external {@code $ref}), the same file as {@code schemas/} at the top of
 * the project's repository, packaged in this jar under {@link #resourceName()}. The envelope definition
 * ({@code #/definitions/CoherenceEvent}) is identical in all three. Members the schemas do not list are allowed at
 * every level, so that fields Coherence adds later do not break validation. Validate documents against them with
 * {@link CoherenceSchemas}.
 *
 * <p>Constants are immutable and thread-safe; {@link #json()} reads the packaged file once and caches it.
 */
public enum CoherenceSchema {

    /**
     * Any Coherence event: the EventBridge envelope (all nine members required, source {@value CoherenceBus#SOURCE},
     * an RFC 3339 time, a detail object), whatever its detail-type. File {@code coherence-event.json}.
     */
    ENVELOPE("coherence-event.json", null),

    /**
     * A {@value CoherenceBus#NEW_ENVIRONMENTS} event: the envelope, and a detail whose
     * {@code new_environments} array lists environments. File {@code new-environments.json}.
     */
    NEW_ENVIRONMENTS("new-environments.json", CoherenceBus.NEW_ENVIRONMENTS),

    /**
     * A {@value CoherenceBus#VALID_ENVIRONMENTS} event: the envelope, and a detail whose
     * {@code valid_environments} array lists environments. File {@code valid-environments.json}.
     */
    VALID_ENVIRONMENTS("valid-environments.json", CoherenceBus.VALID_ENVIRONMENTS);

    /** Where the build packages the files of {@code schemas/} inside this jar. */
    private static final String RESOURCE_DIRECTORY = "com/withcoherence/events/model/schemas/";

    private final String fileName;
    private final String detailType;

    CoherenceSchema(String fileName, String detailType) {
        this.fileName = fileName;
        this.detailType = detailType;
    }

    /**
     * Returns the schema {@link CoherenceSchemas#validate(String)} applies to an event with the given detail-type.
     *
     * @param detailType the event's {@code detail-type}; {@code null} when the event has none
     * @return {@link #NEW_ENVIRONMENTS} or {@link #VALID_ENVIRONMENTS} for their detail-types, {@link #ENVELOPE} for
     *     any other value and for {@code null}; never {@code null}
     */
    public static CoherenceSchema forDetailType(String detailType) {
        if (CoherenceBus.NEW_ENVIRONMENTS.equals(detailType)) {
            return NEW_ENVIRONMENTS;
        }
        if (CoherenceBus.VALID_ENVIRONMENTS.equals(detailType)) {
            return VALID_ENVIRONMENTS;
        }
        return ENVELOPE;
    }

    /**
     * Returns the detail-type this schema fixes.
     *
     * @return {@value CoherenceBus#NEW_ENVIRONMENTS} or {@value CoherenceBus#VALID_ENVIRONMENTS}; empty for
     *     {@link #ENVELOPE}, which accepts any detail-type
     */
    public Optional<String> detailType() {
        return Optional.ofNullable(detailType);
    }

    /**
     * Returns the schema's file name, as in the repository's {@code schemas/} directory.
     *
     * @return e.g. {@code new-environments.json}, never {@code null}
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns where the schema is packaged in this jar, for {@link ClassLoader#getResource(String)}.
     *
     * @return e.g. {@code com/withcoherence/events/model/schemas/new-environments.json}, never {@code null}
     */
    public String resourceName() {
        return RESOURCE_DIRECTORY + fileName;
    }

    /**
     * Returns the schema's JSON text exactly as the file holds it: the {@code Content} to upload to the EventBridge
     * Schema Registry with type {@code JSONSchemaDraft4}.
     *
     * @return the JSON text, never {@code null}
     * @throws IllegalStateException if the file is missing from the jar (a damaged or repackaged jar)
     */
    public String json() {
        return Texts.TEXTS.get(this);
    }

    /** Reads the three files on first use; the JVM runs this once, whichever thread gets here first. */
    private static final class Texts {

        static final Map<CoherenceSchema, String> TEXTS = load();

        private static Map<CoherenceSchema, String> load() {
            EnumMap<CoherenceSchema, String> texts = new EnumMap<>(CoherenceSchema.class);
            for (CoherenceSchema schema : values()) {
                texts.put(schema, read(schema.resourceName()));
            }
            return texts;
        }

        private static String read(String resourceName) {
            try (InputStream in = CoherenceSchema.class.getClassLoader().getResourceAsStream(resourceName)) {
                if (in == null) {
                    throw new IllegalStateException("the JSON Schema " + resourceName + " is missing from the "
                            + "coherence-events-model jar; use the jar as published, or keep its "
                            + RESOURCE_DIRECTORY + " directory when repackaging.");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the JSON Schema " + resourceName + " failed", e);
            }
        }
    }
}
