package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GraalVM native-image metadata under {@code META-INF/native-image} stays complete: every public record of the
 * model is registered for reflection (a user's own ObjectMapper binds records reflectively), and every packaged JSON
 * Schema is registered as a resource ({@link CoherenceSchemas} loads them from the class path).
 */
class NativeImageMetadataTest {

    private static final String DIRECTORY = "/META-INF/native-image/com.withcoherence/coherence-events-model/";

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = NativeImageMetadataTest.class.getResourceAsStream(DIRECTORY + name)) {
            assertTrue(in != null, DIRECTORY + name + " is packaged");
            return Samples.MAPPER.readTree(in);
        }
    }

    private static Set<String> publicRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(CoherenceEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDirectory = classes.resolve("com/withcoherence/events/model");
        Set<String> records = new TreeSet<>();
        try (Stream<Path> files = Files.list(packageDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = Class.forName("com.withcoherence.events.model." + name.replace(".class", ""));
                if (type.isRecord() && Modifier.isPublic(type.getModifiers())
                        && (type.getEnclosingClass() == null || Modifier.isPublic(type.getEnclosingClass().getModifiers()))) {
                    records.add(type.getName());
                }
            }
        }
        return records;
    }

    @Test
    void registersEveryPublicRecordForReflection() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : read("reflect-config.json")) {
            registered.add(entry.get("name").asText());
            assertTrue(entry.get("allDeclaredConstructors").asBoolean(), entry.toString());
            assertTrue(entry.get("allPublicMethods").asBoolean(), entry.toString());
            assertTrue(entry.get("allDeclaredFields").asBoolean(), entry.toString());
        }

        Set<String> records = publicRecords();
        assertFalse(records.isEmpty());
        assertEquals(records, registered);
    }

    @Test
    void registersEveryPackagedSchemaAsAResource() throws IOException {
        JsonNode includes = read("resource-config.json").get("resources").get("includes");
        for (CoherenceSchema schema : CoherenceSchema.values()) {
            boolean matched = false;
            for (JsonNode include : includes) {
                matched |= Pattern.compile(include.get("pattern").asText()).matcher(schema.resourceName()).matches();
            }
            assertTrue(matched, schema.resourceName() + " is covered by resource-config.json");
        }
    }
}
