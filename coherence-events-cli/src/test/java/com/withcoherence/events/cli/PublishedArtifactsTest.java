package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.withcoherence.events.client.CoherenceEventsClient;
import com.withcoherence.events.model.CoherenceEvents;
import com.withcoherence.events.testkit.InMemoryEventBridge;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jars that go to Maven Central, as built: each has its stable JPMS name, and the one package it holds is its
 * public API, so that what an automatic module exports is exactly that package and nothing internal.
 *
 * <p>In a full {@code ./mvnw -B verify} the modules this one depends on are on the class path as their packaged jars;
 * when only this module's tests run they are class directories and the checks are skipped.
 */
class PublishedArtifactsTest {

    static Stream<Arguments> publishedModules() {
        return Stream.of(
                Arguments.of(CoherenceEvents.class, "com.withcoherence.events.model"),
                Arguments.of(CoherenceEventsClient.class, "com.withcoherence.events.client"),
                Arguments.of(InMemoryEventBridge.class, "com.withcoherence.events.testkit"));
    }

    private static Path jarOf(Class<?> type) throws Exception {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(location.toString().endsWith(".jar"), "run in the full build, where " + location
                + " is a packaged jar");
        return location;
    }

    @ParameterizedTest
    @MethodSource("publishedModules")
    void hasItsModuleNameAndExportsOnlyItsPublicPackage(Class<?> type, String moduleName) throws Exception {
        Path jar = jarOf(type);

        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
        assertEquals(1, modules.size());
        ModuleDescriptor descriptor = modules.iterator().next().descriptor();
        assertEquals(moduleName, descriptor.name(), "the Automatic-Module-Name of " + jar);
        assertTrue(descriptor.isAutomatic(), "named by Automatic-Module-Name, not module-info");
        assertEquals(Set.of(moduleName), descriptor.packages(),
                "one public package and no other, so an automatic module exports nothing internal");
    }

    @ParameterizedTest
    @MethodSource("publishedModules")
    void holdsNoTestClasses(Class<?> type, String moduleName) throws Exception {
        Path jar = jarOf(type);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> tests = file.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith("Test.class") || name.contains("/test/")).toList();

            assertEquals(List.of(), tests);
            assertEquals(moduleName, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }
}
