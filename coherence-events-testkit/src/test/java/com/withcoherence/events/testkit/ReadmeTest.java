package com.withcoherence.events.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.withcoherence.events.model.CoherenceBus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit README's Java samples are compiled and run exactly as printed, so they cannot rot. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void theStartFromJavaSampleDeliversTheEvent(@TempDir Path dir) throws Exception {
        String printed = runMain(dir, "LocalEventBridgeExample", javaBlockAfter("### Start it from Java"));
        assertEquals("new_environments delivered to log-events", printed.strip());
    }

    @Test
    void theJunitSamplePassesWithTheObjectsTheExtensionHandsIt(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = compile(dir, "NewEnvironmentsRuleTest",
                javaBlockAfter("### In a JUnit 5 test"))) {
            Class<?> test = loader.loadClass("NewEnvironmentsRuleTest");
            Method method = test.getDeclaredMethod("routesOnlyNewEnvironmentsToTheProvisioner", LocalEventBridge.class,
                    CoherenceBus.class);
            method.setAccessible(true);
            CoherenceBus bus = CoherenceFixtures.documentedBus();
            InMemoryEventBridge bridge = InMemoryEventBridge.create();
            bridge.createEventBus(bus.name());
            try (LocalEventBridge endpoint = LocalEventBridge.start(bridge)) {
                Constructor<?> constructor = test.getDeclaredConstructor();
                constructor.setAccessible(true);
                method.invoke(constructor.newInstance(), endpoint, bus);
                assertEquals(2, endpoint.requests().writeCount());
            }
        }
    }

    @Test
    void theFaultInjectionSampleShowsRetriedThrottlingAndFailedEntries(@TempDir Path dir) throws Exception {
        String printed = runMain(dir, "FaultInjectionExample", javaBlockAfter("### Fault injection"));
        assertEquals("3 PutRule requests\n1 failed: ThrottlingException\n1 not removed: "
                + "ConcurrentModificationException", printed.strip().replace("\r\n", "\n"));
    }

    static String runMain(Path dir, String className, String source) throws Exception {
        try (URLClassLoader loader = compile(dir, className, source)) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            PrintStream original = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                main.invoke(null, (Object) new String[0]);
            } finally {
                System.setOut(original);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static URLClassLoader compile(Path dir, String className, String source) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // Surefire's class path (a manifest-only jar whose Class-Path javac follows) has the testkit and the SDK.
        int status = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeTest.class.getClassLoader());
    }

    static String javaBlockAfter(String heading) throws Exception {
        return String.join("\n", blockAfter(heading, "```java")) + "\n";
    }

    /** The commands of the {@code sh} block after a heading, one per line, comments and blank lines left out. */
    static List<String> shellCommandsAfter(String heading) throws Exception {
        List<String> commands = new ArrayList<>();
        for (String line : blockAfter(heading, "```sh")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                commands.add(line);
            }
        }
        return commands;
    }

    private static List<String> blockAfter(String heading, String fence) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README has the section " + heading);
        int start = at + 1;
        while (!lines.get(start).equals(fence)) {
            assertTrue(!lines.get(start).startsWith("#"), "the section " + heading + " has a " + fence + " block");
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }
}
