package com.withcoherence.events.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The top-level README, checked against the code: every Java sample compiles against the modules as they are, the
 * Quick start has exactly the two commands, and every CLI command the README lists exists.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    static Stream<String> javaSamples() throws Exception {
        String text = Files.readString(README);
        List<String> samples = new ArrayList<>();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            samples.add(block.group(1));
        }
        return samples.stream();
    }

    @Test
    void hasJavaSamples() throws Exception {
        assertTrue(javaSamples().count() >= 4, "parse, reconcile, subscribe and testkit samples");
    }

    @ParameterizedTest
    @MethodSource("javaSamples")
    void everyJavaSampleCompiles(String source, @TempDir Path dir) throws Exception {
        Matcher name = Pattern.compile("(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)").matcher(source);
        assertTrue(name.find(), "the sample declares a class");
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());

        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8) + "\n" + source);
    }

    @Test
    void quickStartHasExactlyTheDemoAndTheTestCommand() throws Exception {
        String text = Files.readString(README);
        int start = text.indexOf("## Quick start");
        String section = text.substring(start, text.indexOf("\n## ", start + 1));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(block.find(), section);

        assertEquals(List.of("./coherence-events demo", "./mvnw -B verify"), block.group(1).lines().toList());
        assertEquals("./mvnw -B verify", Files.readAllLines(Path.of("..", ".ci", "run")).stream()
                .filter(line -> line.startsWith("./mvnw")).findFirst().orElseThrow(), ".ci/run runs the same");
    }

    @Test
    void everyCommandInTheTableExists() throws Exception {
        String text = Files.readString(README);
        Matcher row = Pattern.compile("^\\| `(\\w+)[ `]", Pattern.MULTILINE).matcher(
                text.substring(text.indexOf("## The command line")));
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<String> actual = Commands.all(null).stream()
                .map(command -> new picocli.CommandLine(command).getCommandName()).toList();

        assertEquals(actual, documented);
    }

    /**
     * The README's "What the demo prints" block, line by line, is what the demo prints: a line with … stands for
     * the rest of that line, a line of … alone for any number of lines, and the port and event ids may differ.
     */
    @Test
    void showsWhatTheDemoReallyPrints() throws Exception {
        String text = Files.readString(README);
        int section = text.indexOf("### What the demo prints");
        Matcher block = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(section >= 0 && block.find(section), "the README shows the demo's output");
        List<String> shown = block.group(1).lines().toList();
        CliRun demo = CliRun.of("demo");
        assertEquals(0, demo.exitCode(), demo.err());
        List<String> printed = demo.out().lines().toList();

        int next = 0;
        boolean skipping = false;
        for (String line : shown) {
            if (line.strip().equals("…")) {
                skipping = true;
                continue;
            }
            Pattern expected = Pattern.compile(demoLine(line));
            while (skipping && next < printed.size() && !expected.matcher(printed.get(next)).matches()) {
                next++;
            }
            assertTrue(next < printed.size() && expected.matcher(printed.get(next)).matches(), "the README shows\n"
                    + line + "\nwhere the demo prints\n" + (next < printed.size() ? printed.get(next) : "(nothing)")
                    + "\n\nThe demo printed:\n" + demo.out());
            next++;
            skipping = false;
        }
    }

    /** A README line as a pattern: … for anything, any port and event id where the README shows one. */
    private static String demoLine(String line) {
        Matcher variable = Pattern.compile("…|127\\.0\\.0\\.1:\\d+|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")
                .matcher(line);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(line.substring(at, variable.start())));
            String found = variable.group();
            regex.append(found.equals("…") ? ".*" : found.startsWith("127.") ? "127\\.0\\.0\\.1:\\d+"
                    : "[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");
            at = variable.end();
        }
        return regex.append(Pattern.quote(line.substring(at))).toString();
    }
}
