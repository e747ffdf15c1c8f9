package com.withcoherence.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's parse example is compiled and run exactly as printed, so it cannot rot. */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theParseExampleCompilesAndPrintsTheNewEnvironment(@TempDir Path dir) throws Exception {
        String source = javaBlockAfter("## Parse an event in a handler");
        assertTrue(source.lines().count() <= 20, "the example stays short");
        Path file = dir.resolve("OnCoherenceEvent.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp", classPath(), file.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        String printed;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> example = loader.loadClass("OnCoherenceEvent");
            Method handle = example.getMethod("handle", InputStream.class);
            printed = captureStdout(() -> handle.invoke(example.getDeclaredConstructor().newInstance(),
                    new ByteArrayInputStream(Samples.NEW_ENVIRONMENTS.getBytes(StandardCharsets.UTF_8))));
        }
        assertEquals("new environment another-test-env of 12309ijsdf-your-app-name", printed.strip());
    }

    static String javaBlockAfter(String heading) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README has the section " + heading);
        int start = at + 1;
        while (!lines.get(start).equals("```java")) {
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }

    private static String classPath() throws URISyntaxException {
        return String.join(File.pathSeparator, location(CoherenceEvents.class),
                location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.databind.ObjectMapper.class));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
